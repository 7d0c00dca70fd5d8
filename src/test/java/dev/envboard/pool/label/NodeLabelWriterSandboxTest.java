package dev.envboard.pool.label;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.docker.DockerClients;
import dev.envboard.docker.EndpointSpec;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SandboxExtension.class)
class NodeLabelWriterSandboxTest {
    private static final String NODE = "envboard-swarm-3";
    private Sandbox sandbox;
    private DockerClients clients;

    @BeforeEach
    void setUp(Sandbox sandbox) {
        this.sandbox = sandbox;
        clients = new DockerClients();
    }

    @AfterEach
    void restore() {
        for (String key : new String[] {"environment", "concurrent"}) {
            if (!label(key).isEmpty()) {
                sandbox.docker(sandbox.manager(), "node", "update", "--label-rm", key, NODE);
            }
        }
        clients.close();
    }

    @Test
    void aLabelEditedConcurrentlyWithTheCliIsMergedNotClobbered() throws Exception {
        String id = sandbox.docker(sandbox.manager(), "node", "inspect", "--format", "{{.ID}}", NODE);
        int[] calls = {0};
        EndpointSpec manager = EndpointSpec.parse(sandbox.manager().dockerHost(), null, false);
        NodeLabelWriter racing = new NodeLabelWriter(clients.quick(manager), id, NODE, node -> {
            if (calls[0]++ == 0) {
                // Someone else changes the node between our read and our write.
                sandbox.docker(sandbox.manager(), "node", "update", "--label-add", "concurrent=yes", NODE);
            }
        });
        racing.write("environment", "demo");

        assertThat(calls[0]).as("the first update was out of sequence and retried").isEqualTo(2);
        assertThat(label("environment")).isEqualTo("demo");
        assertThat(label("concurrent")).isEqualTo("yes");
        assertThat(label("rack")).isEqualTo("r3");
    }

    private String label(String key) {
        return sandbox.docker(sandbox.manager(), "node", "inspect", "--format", "{{index .Spec.Labels \"" + key + "\"}}", NODE);
    }
}
