package dev.envboard.containers;

import java.time.Instant;

/**
 * One container (or a Swarm task that has no container yet) as the containers table shows it.
 *
 * @param key         unique in the pool: host + container id, or "task:" + task id
 * @param state       running, exited, created, paused, restarting, removing, dead, or for a
 *                    task without container: pending, rejected...
 * @param health      healthy, unhealthy, starting, or "" when the container has no healthcheck
 * @param startedAt   when it last started (null if never); the UI shows the uptime from it
 * @param containerId null for a task that has no container
 * @param error       the task's or container's error, else null
 */
public record ContainerRow(String key, String name, String service, String image, String state, String health,
                           String host, String environment, Instant startedAt, String ports, int restarts,
                           String containerId, String error) {

    public boolean isRunning() {
        return "running".equals(state);
    }
}
