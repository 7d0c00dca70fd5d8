package dev.envboard.pool.audit;

import java.time.Instant;

/**
 * One label change as it happened.
 *
 * @param host   the host's name as shown (hostnames can repeat in a pool)
 * @param hostEntry the pool's entry for the host (endpoint or Swarm node), which does not repeat
 * @param from   environment before (null: unassigned)
 * @param to     environment asked for (null: unassigned)
 * @param result "ok", "failed" or "refused"
 * @param error  why it failed or was refused, else null
 */
public record AuditEntry(Instant time, String user, String pool, String host, String hostEntry, String from, String to,
                         String result, String error, long durationMs) {

    public static final String OK = "ok";
    public static final String FAILED = "failed";
    /** Not attempted: a protected environment's name was not typed. */
    public static final String REFUSED = "refused";

    public boolean succeeded() {
        return OK.equals(result);
    }
}
