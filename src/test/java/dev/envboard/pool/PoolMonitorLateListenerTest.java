package dev.envboard.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envboard.docker.DockerClients;
import dev.envboard.docker.EndpointSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window starts asking the pools before it is built, and its views listen afterwards: a
 * listener that comes after the first answer hears it at once. The pool is a real endpoint that
 * does not answer (a socket path with no engine behind it).
 */
class PoolMonitorLateListenerTest {
    private final DockerClients clients = new DockerClients();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        timer.shutdownNow();
        clients.close();
    }

    @Test
    void aLateListenerHearsTheFirstAnswerAtOnceAndTheAnswerIsNotAskedAgain() {
        PoolSpec pool = new PoolSpec("gone", PoolKind.SWARM, "environment", LabelScope.NODE,
                EndpointSpec.parse("unix://" + dir.resolve("docker.sock"), null, false), List.of(), null, "test", null);
        PoolMonitor monitor = new PoolMonitor(new PoolInspector(clients, Runnable::run, Clock.systemUTC()), timer,
                Duration.ofHours(1), (p, onChange) -> () -> { });
        List<PoolSnapshot> early = new CopyOnWriteArrayList<>();
        monitor.watch(pool, early::add);
        await().atMost(Duration.ofSeconds(20)).until(() -> !early.isEmpty());
        assertThat(early.get(0).status()).isNotEqualTo(PoolStatus.UNKNOWN);

        List<PoolSnapshot> late = new CopyOnWriteArrayList<>();
        monitor.watch(pool, late::add);
        assertThat(late).containsExactly(early.get(0));

        CompletableFuture<PoolSnapshot> answer = monitor.answer(pool);
        assertThat(answer).isCompletedWithValue(early.get(0));
        monitor.close();
    }
}
