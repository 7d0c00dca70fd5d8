package dev.envboard.pool.audit;

import java.time.Instant;

/**
 * One label change as it happened.
 *
 * @param from   environment before (null: unassigned)
 * @param to     environment asked for (null: unassigned)
 * @param result "ok", "failed" or "refused"
 * @param error  why it failed, else null
 */
public record AuditEntry(Instant time, String user, String pool, String host, String from, String to,
                         String result, String error, long durationMs) {

    public static final String OK = "ok";
    public static final String FAILED = "failed";

    public boolean succeeded() {
        return OK.equals(result);
    }
}
