package dev.envboard.logs;

import dev.envboard.docker.EndpointSpec;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One container to follow: which engine, and the container's id and name.
 *
 * @param pool   the pool it was found in, for messages (may be empty)
 * @param engine the engine's display name, for messages and to tell same-named containers apart
 */
public record ContainerRef(String pool, String engine, EndpointSpec endpoint, String id, String name) {
    /** Swarm names task containers {@code service.slot.taskid}; the task id says nothing to a reader. */
    private static final Pattern SWARM_TASK = Pattern.compile("(.+\\.\\d+)\\.[a-z0-9]{25}");

    public ContainerRef {
        name = name.startsWith("/") ? name.substring(1) : name;
    }

    /** What to call the container in a merged log: its name, for a Swarm task {@code service.slot}. */
    public String label() {
        Matcher task = SWARM_TASK.matcher(name);
        return task.matches() ? task.group(1) : name;
    }
}
