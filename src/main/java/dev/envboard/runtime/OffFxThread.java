package dev.envboard.runtime;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Blocking service entry points call {@link #check} first. A blocking call on the JavaFX
 * application thread freezes the window, so there it is a bug: with the system property
 * {@code envboard.fx-guard=strict} (set for the tests) it logs an error and throws; otherwise
 * it logs one warning with a stack trace per call name. The thread is recognised by the name
 * JavaFX gives it, since code outside the UI never imports JavaFX.
 */
public final class OffFxThread {
    public static final String PROPERTY = "envboard.fx-guard";
    public static final String STRICT = "strict";
    static final String FX_THREAD_NAME = "JavaFX Application Thread";
    private static final Logger LOG = Logger.getLogger(OffFxThread.class.getName());
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    /** What the guard throws in strict mode, so a test can tell it from other failures. */
    public static final class Violation extends IllegalStateException {
        Violation(String message) {
            super(message);
        }
    }

    private OffFxThread() {
    }

    /** @param what the blocking call, e.g. "MoveService.move" */
    public static void check(String what) {
        check(what, STRICT.equals(System.getProperty(PROPERTY)));
    }

    static void check(String what, boolean strict) {
        if (!FX_THREAD_NAME.equals(Thread.currentThread().getName())) {
            return;
        }
        String message = what + " blocks and must not run on the JavaFX application thread";
        if (strict) {
            Violation violation = new Violation(message);
            // Also logged: a caller may swallow the exception (a future, a catch-all), the log still has it.
            LOG.log(Level.SEVERE, message, violation);
            throw violation;
        }
        if (WARNED.add(what)) {
            LOG.log(Level.WARNING, message, new Violation(message));
        }
    }
}
