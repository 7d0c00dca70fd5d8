package dev.envboard.pool.move;

import java.util.List;

/**
 * What a move does to running work, shown before anything changes.
 *
 * @param stoppedTasks  Swarm tasks on a moving host whose constraints no longer hold: Swarm shuts
 *                      them down at once and reschedules them elsewhere (or leaves them pending)
 * @param unschedulable services that can no longer place all their replicas after the move
 * @param starting      global services that will start a task on a moving host
 * @param keptContainers standalone containers of the old environment that keep running on the
 *                      host until that environment is next redeployed
 * @param warnings      what could not be checked (e.g. the manager did not answer)
 */
public record MoveImpact(List<String> stoppedTasks, List<String> unschedulable, List<String> starting,
                         List<String> keptContainers, List<String> warnings) {

    public MoveImpact {
        stoppedTasks = List.copyOf(stoppedTasks);
        unschedulable = List.copyOf(unschedulable);
        starting = List.copyOf(starting);
        keptContainers = List.copyOf(keptContainers);
        warnings = List.copyOf(warnings);
    }

    public static MoveImpact none() {
        return new MoveImpact(List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public static MoveImpact unknown(String why) {
        return new MoveImpact(List.of(), List.of(), List.of(), List.of(), List.of(why));
    }

    public boolean isHarmless() {
        return stoppedTasks.isEmpty() && unschedulable.isEmpty() && keptContainers.isEmpty() && warnings.isEmpty();
    }

    /** The impact as lines for a confirmation (dialog or terminal). */
    public List<String> lines() {
        List<String> lines = new java.util.ArrayList<>();
        stoppedTasks.forEach(t -> lines.add("stops and reschedules " + t));
        unschedulable.forEach(s -> lines.add("UNSCHEDULABLE: " + s));
        starting.forEach(s -> lines.add("starts " + s));
        keptContainers.forEach(c -> lines.add("keeps running until the next redeploy: " + c));
        warnings.forEach(w -> lines.add("could not check: " + w));
        if (lines.isEmpty()) {
            lines.add("no running work is affected");
        }
        return lines;
    }
}
