package dev.envboard.demo;

/** The steps of a launch and of a teardown, for progress. */
public enum DemoPhase {
    /** Template, values, name, hosts and the stack are checked; nothing changes. */
    VALIDATE("Validate"),
    /** The hosts get the demo's environment label (the audited move). */
    LABEL_HOSTS("Label hosts"),
    /** The demo's record is written to the pool. */
    RECORD("Record"),
    /** The redeploy run: resolve, pull, create, wait ready. */
    DEPLOY("Deploy"),
    /** Teardown: the stack is removed and awaited until really gone. */
    REMOVE("Remove"),
    /** Teardown: the hosts go back to Unassigned (the audited move). */
    RETURN_HOSTS("Return hosts"),
    /** Teardown: nothing of the demo may be left. */
    VERIFY("Verify");

    private final String label;

    DemoPhase(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
