package dev.envboard.deploy.compose;

import java.util.Locale;

/**
 * When a redeploy asks the registry for a service's image: compose's {@code pull_policy}, or
 * {@code redeploy --pull} for the whole run.
 */
public enum PullPolicy {
    /** Resolve the tag to a digest, pull that digest on every host that may run it, run it pinned. */
    ALWAYS,
    /** Pull the tag only on hosts that lack it; run the tag as each host has it. */
    MISSING,
    /** Never contact a registry: the image must already be on every host (imported, loaded). */
    NEVER;

    /** The effective policy: the run's own ({@code --pull}) wins, then the service's, then {@code always}. */
    public static PullPolicy effective(PullPolicy forRun, ServiceDef service) {
        if (forRun != null) {
            return forRun;
        }
        return service.pullPolicy() != null ? service.pullPolicy() : ALWAYS;
    }

    /** Reads {@code always|missing|never} (what {@code --pull} accepts); the message says what is allowed. */
    public static PullPolicy parse(String text) {
        return switch (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) {
            case "always" -> ALWAYS;
            case "missing" -> MISSING;
            case "never" -> NEVER;
            default -> throw new IllegalArgumentException("pull policy \"" + text + "\" is not one of always, missing, never");
        };
    }

    /** As compose and {@code --pull} write it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
