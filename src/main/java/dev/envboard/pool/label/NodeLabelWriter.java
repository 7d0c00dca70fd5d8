package dev.envboard.pool.label;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.SwarmNode;
import com.github.dockerjava.api.model.SwarmNodeSpec;
import dev.envboard.docker.DockerErrors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Sets a Swarm node label through the manager's API. Swarm rejects an update made from a stale
 * version ("update out of sequence"); then the node is read again and only our key is merged
 * into whatever labels it has now, so a concurrent edit by someone else is never clobbered.
 */
public final class NodeLabelWriter implements EnvironmentLabelWriter {
    static final int MAX_ATTEMPTS = 3;

    private final DockerClient manager;
    private final String nodeId;
    private final String hostname;
    private final Consumer<SwarmNode> beforeUpdate;

    public NodeLabelWriter(DockerClient manager, String nodeId, String hostname) {
        this(manager, nodeId, hostname, node -> { });
    }

    /** @param beforeUpdate runs between reading the node and updating it (tests race it there) */
    NodeLabelWriter(DockerClient manager, String nodeId, String hostname, Consumer<SwarmNode> beforeUpdate) {
        this.manager = manager;
        this.nodeId = nodeId;
        this.hostname = hostname;
        this.beforeUpdate = beforeUpdate;
    }

    @Override
    public void write(String key, String value) throws LabelChangeException {
        DockerException lastConflict = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            SwarmNode node = inspect();
            SwarmNodeSpec spec = node.getSpec();
            Map<String, String> labels = new HashMap<>(spec.getLabels() == null ? Map.of() : spec.getLabels());
            if (Objects.equals(labels.get(key), value)) {
                return;
            }
            if (value == null) {
                labels.remove(key);
            } else {
                labels.put(key, value);
            }
            beforeUpdate.accept(node);
            try {
                manager.updateSwarmNodeCmd()
                        .withSwarmNodeId(nodeId)
                        .withVersion(node.getVersion().getIndex())
                        .withSwarmNodeSpec(spec.withLabels(labels))
                        .exec();
                verify(key, value);
                return;
            } catch (DockerException e) {
                if (!isOutOfSequence(e)) {
                    throw new LabelChangeException(hostname + ": the manager refused the label change: " + DockerErrors.describe(e), e);
                }
                lastConflict = e;
            } catch (RuntimeException e) {
                throw new LabelChangeException(hostname + ": " + DockerErrors.describe(e), e);
            }
        }
        throw new LabelChangeException(hostname + ": the node kept changing while Envboard updated it: " + MAX_ATTEMPTS
                + " attempts in a row were answered \"update out of sequence\" (last: " + DockerErrors.describe(lastConflict)
                + "); nothing was changed, try again", lastConflict);
    }

    private SwarmNode inspect() throws LabelChangeException {
        List<SwarmNode> nodes;
        try {
            nodes = manager.listSwarmNodesCmd().withIdFilter(List.of(nodeId)).exec();
        } catch (RuntimeException e) {
            throw new LabelChangeException(hostname + ": cannot read the node from the manager: " + DockerErrors.describe(e), e);
        }
        // The id filter matches prefixes too: take the exact node.
        return nodes.stream().filter(n -> nodeId.equals(n.getId())).findFirst()
                .orElseThrow(() -> new LabelChangeException(hostname + ": the Swarm has no node " + nodeId + " any more"));
    }

    private void verify(String key, String value) throws LabelChangeException {
        Map<String, String> labels = inspect().getSpec().getLabels();
        String now = labels == null ? null : labels.get(key);
        if (!Objects.equals(now, value)) {
            throw new LabelChangeException(hostname + ": the manager accepted the change but the node shows "
                    + key + "=" + now + " instead of " + value);
        }
    }

    private static boolean isOutOfSequence(DockerException e) {
        return String.valueOf(e.getMessage()).contains("update out of sequence");
    }
}
