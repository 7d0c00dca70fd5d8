package dev.envboard.deploy;

/** The steps of a redeploy, in order. Nothing is touched before VALIDATE, RESOLVE and PULL have passed. */
public enum DeployStep {
    VALIDATE("Validate the stack, hosts, images and placement"),
    RESOLVE("Resolve every image to a digest in its registry"),
    PULL("Pull the images on every host that may run them"),
    REMOVE("Remove the running environment"),
    WAIT_GONE("Wait until it is really gone"),
    CREATE("Create in depends_on order"),
    WAIT_READY("Wait until every replica runs (and is healthy)");

    private final String title;

    DeployStep(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
