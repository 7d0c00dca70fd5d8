package dev.envboard.docker;

import com.github.dockerjava.api.exception.DockerException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/** Turns what docker-java throws into one sentence a user can act on. */
public final class DockerErrors {
    private DockerErrors() {
    }

    public static String describe(Throwable error) {
        Throwable e = unwrap(error);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EndpointRefusedException) {
                return t.getMessage();
            }
            if (t instanceof SocketTimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return "no answer in time (" + t.getMessage() + ")";
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return "cannot connect: " + t.getMessage();
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t instanceof SSLException) {
                return "TLS handshake failed: " + t.getMessage();
            }
            if (t instanceof DockerException docker) {
                return "engine said: " + docker.getMessage().trim();
            }
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        return message;
    }

    public static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof RuntimeException && e.getCause() != null
                && e.getClass() == RuntimeException.class) {
            e = e.getCause();
        }
        return e;
    }
}
