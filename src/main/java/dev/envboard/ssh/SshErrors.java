package dev.envboard.ssh;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

/** Turns what MINA and the JDK throw into the few words a user can act on. */
final class SshErrors {
    private SshErrors() {
    }

    static String describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (t instanceof ConnectException) {
                return message.toLowerCase(Locale.ROOT).contains("refused") ? "connection refused" : "cannot connect: " + message;
            }
            if (t instanceof NoRouteToHostException || t instanceof PortUnreachableException) {
                return "no route to host";
            }
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "unknown host" + (message.isEmpty() ? "" : " " + message);
            }
            if (t instanceof SocketTimeoutException) {
                return "no answer in time";
            }
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
