package dev.envboard.demo;

import dev.envboard.deploy.history.DeployRecord;

/**
 * How a launch ended.
 *
 * @param outcome LAUNCHED: it runs, {@code demo} has its entry points. REFUSED: nothing was changed
 *                (bad template or values, name taken, too few free hosts, invalid stack). FAILED:
 *                something changed and then failed; {@code message} says exactly what is left, and
 *                {@code teardownOffered} is true when the demo (hosts, record) is there to tear down
 * @param message what happened, in words, for the user
 * @param demo    the demo as recorded; null when refused
 * @param deploy  the deploy run's record; null when it did not get that far
 */
public record LaunchResult(Outcome outcome, String message, Demo demo, DeployRecord deploy, boolean teardownOffered) {

    public enum Outcome { LAUNCHED, REFUSED, FAILED }

    public static LaunchResult refused(String message) {
        return new LaunchResult(Outcome.REFUSED, message, null, null, false);
    }

    public boolean launched() {
        return outcome == Outcome.LAUNCHED;
    }
}
