package dev.envboard.pool;

import java.util.Optional;

/**
 * Protected environments (pools.yaml {@code protected:}): a redeploy, a teardown, or moving a host
 * out of one goes ahead only when the user typed the environment's name, exactly. The services
 * that do these ask here themselves, so that no face (window, command line, a script) can skip it:
 *
 * <pre>{@code
 * Optional<String> refused = Protection.refusal(pool, environment, typedName);
 * if (refused.isPresent()) { ... refuse with refused.get(), change nothing ... }
 * }</pre>
 */
public final class Protection {
    private Protection() {
    }

    /**
     * Empty when the action may go ahead: the environment is not protected, or {@code typed} is its
     * name. Otherwise the refusal to show, e.g. "qa is protected: type its name to confirm (--confirm qa)".
     *
     * @param environment null (unassigned) is never protected
     * @param typed       the name the user typed (the UI's field, {@code --confirm NAME}); null when none
     */
    public static Optional<String> refusal(PoolSpec pool, String environment, String typed) {
        return allows(pool, environment, typed) ? Optional.empty() : Optional.of(message(environment));
    }

    /** Whether the action may go ahead (see {@link #refusal}). */
    public static boolean allows(PoolSpec pool, String environment, String typed) {
        return !pool.isProtected(environment) || environment.equals(typed);
    }

    /** What a face asks the user to type for a protected environment, e.g. "Type qa to confirm". */
    public static String prompt(String environment) {
        return "Type " + environment + " to confirm";
    }

    /** The refusal for a protected environment whose name was not typed (or not exactly). */
    public static String message(String environment) {
        return environment + " is protected: type its name to confirm (--confirm " + environment + ")";
    }
}
