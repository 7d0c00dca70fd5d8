package dev.envboard.demo;

import java.util.List;

/**
 * How a teardown (or a clean-up) ended.
 *
 * @param outcome DONE: nothing of the demo is left and its hosts are Unassigned. STUCK: something
 *                could not be removed; {@code left} names each thing and the record says stuck.
 *                REFUSED: nothing was done (no such demo, another run of it)
 * @param left    what is left, each named ("container demo-acme_shop_1 on envboard-host-2 (the engine does not answer)")
 */
public record TeardownResult(Outcome outcome, String message, List<String> left) {

    public enum Outcome { DONE, STUCK, REFUSED }

    public TeardownResult {
        left = List.copyOf(left);
    }

    public boolean done() {
        return outcome == Outcome.DONE;
    }
}
