package dev.envboard.pool.records;

/** A record could not be written; the message names where and why. */
public final class RecordException extends Exception {
    public RecordException(String message) {
        super(message);
    }
}
