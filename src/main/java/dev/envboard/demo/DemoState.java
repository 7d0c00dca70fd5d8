package dev.envboard.demo;

/** Where a demo stands, as its record in the pool says. */
public enum DemoState {
    /** Hosts are being labelled or the stack deployed. */
    LAUNCHING("launching"),
    /** Deployed: every service ran at the end of the launch. */
    RUNNING("running"),
    /** The launch failed after its hosts were labelled: it is there, partly, until torn down. */
    FAILED("failed"),
    /** Being torn down. */
    TEARING_DOWN("tearing down"),
    /** A teardown could not remove everything: {@link Demo#left()} names what is left; clean up retries. */
    STUCK("stuck");

    private final String label;

    DemoState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The state as a record writes it. */
    public String key() {
        return name().toLowerCase().replace('_', '-');
    }

    /** The state a record names; RUNNING for one that names none it knows (a newer Envboard's). */
    public static DemoState fromKey(String key) {
        for (DemoState state : values()) {
            if (state.key().equals(key)) {
                return state;
            }
        }
        return RUNNING;
    }
}
