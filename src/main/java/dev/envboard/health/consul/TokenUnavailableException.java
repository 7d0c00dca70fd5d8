package dev.envboard.health.consul;

import java.io.IOException;

/**
 * The pool names a token source that gives no usable token. An IOException so that the request
 * interceptor can refuse to send the request at all; the message names the source, never a token.
 */
public final class TokenUnavailableException extends IOException {
    public TokenUnavailableException(String message) {
        super(message);
    }
}
