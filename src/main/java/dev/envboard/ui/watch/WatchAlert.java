package dev.envboard.ui.watch;

/**
 * A desktop notification about a watched environment, and where a click on it leads.
 *
 * @param title e.g. "qa: deploy started"
 * @param text  who, how long, what changed, or which instances are critical
 */
public record WatchAlert(Kind kind, String pool, String environment, String title, String text) {

    public enum Kind {
        DEPLOY_STARTED, DEPLOY_SUCCEEDED, DEPLOY_FAILED, DEPLOY_CANCELLED, HEALTH_CRITICAL, HEALTH_RECOVERED;

        /** Failures and critical health ask for attention; the rest inform. */
        public boolean isBad() {
            return this == DEPLOY_FAILED || this == DEPLOY_CANCELLED || this == HEALTH_CRITICAL;
        }

        /** A click opens the environment's Deploys view, or for health its Health view. */
        public boolean opensHealth() {
            return this == HEALTH_CRITICAL || this == HEALTH_RECOVERED;
        }
    }
}
