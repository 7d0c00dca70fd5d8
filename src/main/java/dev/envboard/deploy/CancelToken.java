package dev.envboard.deploy;

/** Lets the user stop a redeploy; checked between engine calls and in every wait. */
public final class CancelToken {
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    void check(String during) throws DeployException {
        if (cancelled) {
            throw new DeployException("cancelled by the user during: " + during, true);
        }
    }
}
