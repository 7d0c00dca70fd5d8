package dev.envboard.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import dev.envboard.docker.DockerErrors;
import dev.envboard.pool.EnvironmentLabels;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Swarm tasks that should run but have no container (pending, rejected, preparing): they live only
 * in the manager, and they are what QA needs to see when a deploy hangs. Containers themselves come
 * from each node's engine. Read every two seconds, or, when a read takes longer (a Swarm of
 * thousands of tasks), ten times its length after it: at most a tenth of a worker's time. The read
 * runs on {@code worker}, never on the shared timer thread.
 */
public final class SwarmTaskWatch implements AutoCloseable {
    static final long PERIOD_MS = 2000;
    /** The pause after a read, as a multiple of how long it took. */
    static final int PAUSE_PER_READ = 10;

    private final DockerClient manager;
    private final Function<String, String> hostnameOfNode;
    private final RowSink sink;
    private final Set<String> shown = new HashSet<>();
    private final ScheduledExecutorService timer;
    private final Executor worker;
    private volatile ScheduledFuture<?> next;
    private volatile boolean closed;

    /** Reads on the timer's thread (tests); the app gives a worker with the other constructor. */
    public SwarmTaskWatch(DockerClient manager, Function<String, String> hostnameOfNode, ScheduledExecutorService timer, RowSink sink) {
        this(manager, hostnameOfNode, timer, Runnable::run, sink);
    }

    public SwarmTaskWatch(DockerClient manager, Function<String, String> hostnameOfNode, ScheduledExecutorService timer,
                          Executor worker, RowSink sink) {
        this.manager = manager;
        this.hostnameOfNode = hostnameOfNode;
        this.sink = sink;
        this.timer = timer;
        this.worker = worker;
        schedule(0);
    }

    private void schedule(long delayMs) {
        if (closed) {
            return;
        }
        try {
            next = timer.schedule(() -> {
                try {
                    worker.execute(this::readAndReschedule);
                } catch (RejectedExecutionException full) {
                    schedule(PERIOD_MS);
                }
            }, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // the app is closing
        }
    }

    private void readAndReschedule() {
        long start = System.nanoTime();
        refresh();
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        schedule(Math.max(PERIOD_MS, tookMs * PAUSE_PER_READ));
    }

    synchronized void refresh() {
        try {
            Map<String, Service> services = new HashMap<>();
            manager.listServicesCmd().exec().forEach(s -> services.put(s.getId(), s));
            Set<String> now = new HashSet<>();
            for (Task task : manager.listTasksCmd().withStateFilter(TaskState.RUNNING).exec()) {
                TaskState state = task.getStatus() == null ? null : task.getStatus().getState();
                boolean hasContainer = task.getStatus() != null && task.getStatus().getContainerStatus() != null
                        && task.getStatus().getContainerStatus().getContainerID() != null;
                if (state == TaskState.RUNNING || hasContainer) {
                    continue; // shown through its node's engine
                }
                Service service = services.get(task.getServiceId());
                String name = service == null ? task.getServiceId() : service.getSpec().getName();
                Map<String, String> labels = service == null || service.getSpec().getLabels() == null ? Map.of() : service.getSpec().getLabels();
                String key = "task:" + task.getId();
                now.add(key);
                String error = task.getStatus().getErr() != null && !task.getStatus().getErr().isBlank()
                        ? task.getStatus().getErr() : task.getStatus().getMessage();
                sink.upsert(new ContainerRow(key, name + "." + (task.getSlot() == null ? task.getId().substring(0, 8) : task.getSlot()),
                        name, task.getSpec() == null || task.getSpec().getContainerSpec() == null ? "" : task.getSpec().getContainerSpec().getImage(),
                        state == null ? "unknown" : state.name().toLowerCase(), "",
                        task.getNodeId() == null ? "" : hostnameOfNode.apply(task.getNodeId()),
                        labels.getOrDefault(EnvironmentLabels.STACK_NAMESPACE, ""), (Instant) null, "", 0, null, error));
            }
            for (String key : shown) {
                if (!now.contains(key)) {
                    sink.remove(key);
                }
            }
            shown.clear();
            shown.addAll(now);
            sink.hostState("manager", null);
        } catch (RuntimeException e) {
            sink.hostState("manager", DockerErrors.describe(e));
        }
    }

    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> pending = next;
        if (pending != null) {
            pending.cancel(false);
        }
    }
}
