package dev.envboard.pool.move;

import dev.envboard.pool.label.LabelChangeException;

/**
 * A move refused before anything was touched: the host leaves a protected environment whose name
 * the user did not type. The message is {@link dev.envboard.pool.Protection}'s refusal.
 */
public class MoveRefusedException extends LabelChangeException {
    public MoveRefusedException(String message) {
        super(message);
    }
}
