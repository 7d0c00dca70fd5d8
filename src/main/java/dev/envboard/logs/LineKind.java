package dev.envboard.logs;

/** Where a line came from: the container's stdout or stderr, or Envboard itself (a marker). */
public enum LineKind {
    STDOUT, STDERR,
    /** Written by Envboard into the log, e.g. "— envboard: re-attached after a restart —". */
    MARKER
}
