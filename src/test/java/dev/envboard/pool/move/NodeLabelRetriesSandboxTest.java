package dev.envboard.pool.move;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.envboard.docker.DockerClients;
import dev.envboard.docker.EndpointSpec;
import dev.envboard.pool.Host;
import dev.envboard.pool.PoolInspector;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.audit.AuditEntry;
import dev.envboard.pool.audit.AuditLog;
import dev.envboard.pool.config.PoolsFileLoader;
import dev.envboard.pool.label.LabelChangeException;
import dev.envboard.pool.label.NodeLabelWriter;
import dev.envboard.runtime.Notices;
import dev.envboard.testing.DockerApiProxy;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Swarm's optimistic locking, made to lose for real: a proxy of the test's own in front of the
 * manager's socket makes a competing label update on the real manager before passing on each of
 * Envboard's node updates, so the engine itself answers "update out of sequence" every time.
 */
@ExtendWith(SandboxExtension.class)
class NodeLabelRetriesSandboxTest {
    private static final String NODE = "envboard-swarm-3";

    private Sandbox sandbox;
    private DockerClients clients;
    private ExecutorService io;
    private PoolSpec pool;
    private AuditLog audit;
    private DockerApiProxy proxy;
    private final AtomicInteger competing = new AtomicInteger();

    @BeforeEach
    void setUp(Sandbox sandbox, @TempDir Path state) throws Exception {
        this.sandbox = sandbox;
        clients = new DockerClients();
        io = Executors.newFixedThreadPool(4);
        pool = new PoolsFileLoader(Path.of("/root"), "root").load(sandbox.poolsFile()).pool("sandbox-swarm").orElseThrow();
        audit = new AuditLog(state, new Notices());
        proxy = new DockerApiProxy(Path.of(URI.create(sandbox.manager().dockerHost()).getPath()), (method, path) -> {
            if (method.equals("POST") && path.matches(".*/nodes/[^/]+/update")) {
                // Someone else's label lands first: the version Envboard read is now stale.
                int n = competing.incrementAndGet();
                sandbox.docker(sandbox.manager(), "node", "update", "--label-add", "others-" + n + "=theirs-" + n, NODE);
            }
        });
    }

    @AfterEach
    void tearDown() {
        proxy.close();
        for (int n = 1; n <= competing.get(); n++) {
            sandbox.docker(sandbox.manager(), "node", "update", "--label-rm", "others-" + n, NODE);
        }
        io.shutdownNow();
        clients.close();
    }

    @Test
    void threeUpdatesOutOfSequenceInARowFailTheMoveWithThatReasonAndKeepEveryoneElsesLabels() {
        Host node = host();
        String environmentBefore = label("environment");
        assertThat(environmentBefore).as("the sandbox's " + NODE + " starts unassigned").isEmpty();
        EndpointSpec throughProxy = EndpointSpec.parse(proxy.endpoint(), null, false);
        MoveService moves = new MoveService(clients,
                (p, host) -> new NodeLabelWriter(clients.quick(throughProxy), host.nodeId(), host.hostname()),
                audit, Clock.systemUTC(), "tester");

        LabelChangeException e = catchThrowableOfType(LabelChangeException.class, () -> moves.move(pool, HostMove.of(node, "qa")));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith(NODE + ": the node kept changing while Envboard updated it: 3 attempts in a row"
                + " were answered \"update out of sequence\"").contains("update out of sequence").endsWith("nothing was changed, try again");
        List<DockerApiProxy.Exchange> updates = proxy.exchanges().stream().filter(x -> x.path().endsWith("/update")).toList();
        assertThat(updates).as("the real manager's answers").hasSize(3).allSatisfy(update -> {
            assertThat(update.status()).isGreaterThanOrEqualTo(400);
            assertThat(update.body()).contains("update out of sequence");
        });
        assertThat(competing).hasValue(3);
        for (int n = 1; n <= 3; n++) {
            assertThat(label("others-" + n)).as("a label someone else wrote meanwhile").isEqualTo("theirs-" + n);
        }
        assertThat(label("environment")).as("ours, unchanged").isEqualTo(environmentBefore);
        assertThat(label("rack")).isEqualTo("r3");
        AuditEntry entry = audit.recent(1).get(0);
        assertThat(entry.result()).isEqualTo(AuditEntry.FAILED);
        assertThat(entry.error()).isEqualTo(e.getMessage());
    }

    private Host host() {
        return new PoolInspector(clients, io, Clock.systemUTC()).inspect(pool).join().hosts().stream()
                .filter(h -> h.hostname().equals(NODE)).findFirst().orElseThrow();
    }

    private String label(String key) {
        return sandbox.docker(sandbox.manager(), "node", "inspect", "--format", "{{index .Spec.Labels \"" + key + "\"}}", NODE);
    }
}
