package dev.envboard.bench;

/** A benchmark that cannot give a fair result: its message says why, with the state it found; the run exits 1. */
final class BenchFailure extends RuntimeException {
    BenchFailure(String message) {
        super(message);
    }

    BenchFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
