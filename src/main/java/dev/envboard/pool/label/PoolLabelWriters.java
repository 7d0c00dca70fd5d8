package dev.envboard.pool.label;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.SwarmNode;
import dev.envboard.docker.DockerClients;
import dev.envboard.pool.EngineSpec;
import dev.envboard.pool.Host;
import dev.envboard.pool.LabelScope;
import dev.envboard.pool.Labels;
import dev.envboard.pool.PoolKind;
import dev.envboard.pool.PoolSpec;
import dev.envboard.runtime.OffFxThread;
import dev.envboard.ssh.SshConnector;
import dev.envboard.ssh.SshException;
import dev.envboard.ssh.UnknownHostKeyException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Chooses the writer for a host: Swarm node labels through the manager's API, or the engine
 * label in daemon.json over SSH (standalone pools, and Swarm pools with {@code labels: engine}).
 */
public final class PoolLabelWriters implements LabelWriterFactory {
    private final DockerClients clients;
    private final SshConnector ssh;
    private final Clock clock;

    public PoolLabelWriters(DockerClients clients, SshConnector ssh, Clock clock) {
        this.clients = clients;
        this.ssh = ssh;
        this.clock = clock;
    }

    @Override
    public EnvironmentLabelWriter writerFor(PoolSpec pool, Host host) throws LabelChangeException {
        if (pool.labelScope() == LabelScope.NODE) {
            return new NodeLabelWriter(clients.quick(pool.manager()), host.nodeId(), host.hostname());
        }
        EngineSpec engine = engineOf(pool, host);
        if (pool.kind() == PoolKind.STANDALONE) {
            DockerClient client = clients.quick(engine.endpoint());
            return new EngineLabelWriter(engine, ssh,
                    () -> Labels.fromEngineList(client.infoCmd().exec().getLabels()), clock);
        }
        // A Swarm node's engine labels reach the manager when the node reports them.
        DockerClient manager = clients.quick(pool.manager());
        return new EngineLabelWriter(engine, ssh, () -> nodeEngineLabels(manager, host.nodeId()), clock);
    }

    /** Records a host key the user has checked and accepted, for this host's SSH target. */
    public void trust(PoolSpec pool, Host host, UnknownHostKeyException unknown) throws LabelChangeException {
        OffFxThread.check("PoolLabelWriters.trust");
        EngineSpec engine = engineOf(pool, host);
        try {
            ssh.acceptHostKey(engine.ssh(), unknown.key(), unknown.fingerprint());
        } catch (SshException e) {
            throw new LabelChangeException(host.hostname() + ": " + e.getMessage(), e);
        }
    }

    private static EngineSpec engineOf(PoolSpec pool, Host host) throws LabelChangeException {
        if (pool.kind() == PoolKind.STANDALONE && host.engineIndex() >= 0 && host.engineIndex() < pool.engines().size()) {
            return pool.engines().get(host.engineIndex());
        }
        // Swarm pools with engine labels list their nodes' SSH access under engines:, by name or address.
        return pool.engines().stream()
                .filter(e -> host.hostname().equals(e.name()) || (e.address() != null && e.address().equals(host.address())))
                .findFirst()
                .orElseThrow(() -> new LabelChangeException(host.hostname() + ": pool " + pool.name()
                        + " keeps environments in engine labels, but pools.yaml has no engine entry (name or address)"
                        + " with SSH access for this host"));
    }

    private static Map<String, String> nodeEngineLabels(DockerClient manager, String nodeId) {
        List<SwarmNode> nodes = manager.listSwarmNodesCmd().withIdFilter(List.of(nodeId)).exec();
        return nodes.stream().filter(n -> nodeId.equals(n.getId())).findFirst()
                .map(n -> n.getDescription() == null || n.getDescription().getEngine() == null
                        || n.getDescription().getEngine().getLabels() == null
                        ? Map.<String, String>of() : n.getDescription().getEngine().getLabels())
                .orElse(Map.of());
    }
}
