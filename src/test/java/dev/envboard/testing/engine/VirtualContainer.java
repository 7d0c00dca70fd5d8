package dev.envboard.testing.engine;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** One container on a virtual engine. Guarded by the simulator's lock. */
public final class VirtualContainer {
    /** Log lines kept per container, as a bounded ring. */
    static final int LOG_LINES = 200;

    final String id;
    final String name;
    final String image;
    final Map<String, String> labels;
    final Instant created;
    volatile String state = "running";
    /** "", "starting", "healthy" or "unhealthy"; empty: no healthcheck. */
    volatile String health;
    int exitCode;
    int restartCount;
    Instant startedAt;
    Instant finishedAt;
    final Deque<LogEntry> logs = new ArrayDeque<>();

    record LogEntry(Instant time, boolean stderr, String line) {
    }

    VirtualContainer(String id, String name, String image, Map<String, String> labels, String health, Instant now) {
        this.id = id;
        this.name = name;
        this.image = image;
        this.labels = Map.copyOf(labels);
        this.health = health;
        this.created = now;
        this.startedAt = now;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String state() {
        return state;
    }

    public String health() {
        return health;
    }

    void log(LogEntry entry) {
        if (logs.size() == LOG_LINES) {
            logs.removeFirst();
        }
        logs.addLast(entry);
    }

    List<LogEntry> logs() {
        return List.copyOf(logs);
    }
}
