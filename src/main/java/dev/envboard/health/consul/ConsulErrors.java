package dev.envboard.health.consul;

import com.ecwid.consul.transport.TransportException;
import com.ecwid.consul.v1.OperationException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import org.apache.http.NoHttpResponseException;
import org.apache.http.conn.ConnectTimeoutException;

/** Turns consul-api's exceptions into what the user can act on, with any echo of the token blanked out. */
final class ConsulErrors {
    /** An error body is Consul's one-line reason; anything longer is not worth a status line. */
    private static final int MAX_BODY = 200;

    private ConsulErrors() {
    }

    static ConsulFailure fromStatus(OperationException e, ConsulToken token) {
        int code = e.getStatusCode();
        String body = e.getStatusContent() == null ? "" : e.getStatusContent().strip().lines().findFirst().orElse("");
        if (body.length() > MAX_BODY) {
            body = body.substring(0, MAX_BODY) + "...";
        }
        if (code == 403 || code == 401) {
            // Consul answers 403 for "ACL not found" and "Permission denied" alike.
            return new ConsulFailure(ConsulFailure.Kind.UNAUTHORIZED,
                    token.redact("token from " + token.source() + " refused (" + code + (body.isEmpty() ? "" : ": " + body) + ")"), null);
        }
        return new ConsulFailure(ConsulFailure.Kind.UNREACHABLE,
                token.redact("HTTP " + code + (body.isEmpty() ? "" : ": " + body)), null);
    }

    static ConsulFailure fromTransport(TransportException e, ConsulToken token) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (cause instanceof TokenUnavailableException unavailable) {
            return new ConsulFailure(ConsulFailure.Kind.UNAUTHORIZED, unavailable.getMessage(), null);
        }
        return new ConsulFailure(ConsulFailure.Kind.UNREACHABLE, token.redact(describe(cause)), null);
    }

    private static String describe(Throwable cause) {
        if (cause instanceof ConnectTimeoutException) {
            return "connect timed out";
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        if (cause instanceof SocketTimeoutException) {
            return "no answer (read timed out)";
        }
        if (cause instanceof UnknownHostException) {
            return "unknown host " + cause.getMessage();
        }
        if (cause instanceof NoHttpResponseException) {
            return "the connection closed without an answer";
        }
        if (cause instanceof SSLException) {
            return "TLS: " + cause.getMessage();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
