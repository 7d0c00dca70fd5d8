package dev.envboard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.deploy.CancelToken;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A one-host demo on the sandbox's Swarm: its free node is labelled, the service's task runs
 * there and answers at the node's address (a port published in host mode), the record is a
 * Swarm config; the teardown leaves no service, network, node label or config.
 */
@ExtendWith(SandboxExtension.class)
class DemoSwarmSandboxTest {
    private static final String POOL = "sandbox-swarm";
    private static final String ENV = "demo-globex";
    private static final String FREE_NODE = "envboard-swarm-3";

    private Sandbox sandbox;
    private DemoFixture fixture;

    @BeforeEach
    void setUp(Sandbox sandbox, @TempDir Path dir) throws Exception {
        this.sandbox = sandbox;
        Path templates = Files.createDirectories(dir.resolve("templates/solo"));
        Files.writeString(templates.resolve("template.yaml"), """
                title: One web page
                hosts: 1
                lifetime: { default: 1d, max: 2d }
                entry-points:
                  web:8081: Page
                """);
        Files.writeString(templates.resolve("compose.yaml"), """
                services:
                  web:
                    image: 10.254.77.1:5443/envboard/demo:1
                    environment:
                      CUSTOMER: ${CUSTOMER}
                    command: ["sh", "-c", "trap 'exit 0' TERM; mkdir -p /www; echo \\"page of $$CUSTOMER\\" > /www/index.html; httpd -f -p 80 -h /www & wait $$!"]
                    ports:
                      - { target: 80, published: 8081, mode: host }
                    stop_grace_period: 2s
                    deploy:
                      replicas: 1
                      endpoint_mode: dnsrr
                """);
        fixture = new DemoFixture(sandbox, dir, templates.getParent());
        removeAll();
    }

    @AfterEach
    void tearDown() {
        try {
            removeAll();
        } finally {
            fixture.close();
        }
    }

    /** Whatever a failed run left: the services, networks and configs of the demo, and the free node's label. */
    private void removeAll() {
        Sandbox.Engine manager = sandbox.manager();
        for (String kind : List.of("service", "network", "config")) {
            String filter = kind.equals("config") ? "label=dev.envboard.record.subject=" + ENV : "label=com.docker.stack.namespace=" + ENV;
            String ids = sandbox.docker(manager, kind, "ls", "-q", "--filter", filter);
            if (!ids.isBlank()) {
                for (String id : ids.lines().toList()) {
                    sandbox.docker(manager, kind, "rm", id);
                }
            }
        }
        if (!nodeEnvironment().isEmpty()) {
            sandbox.docker(manager, "node", "update", "--label-rm", "environment", FREE_NODE);
        }
    }

    private String nodeEnvironment() {
        return sandbox.docker(sandbox.manager(), "node", "inspect", "--format", "{{index .Spec.Labels \"environment\"}}", FREE_NODE);
    }

    @Test
    void aDemoOnTheFreeSwarmNodeAnswersAtItsAddressAndItsTeardownLeavesNothing() throws Exception {
        LaunchResult result = fixture.app.demoService().launch(fixture.pool(POOL),
                LaunchRequest.of("solo", "Globex", Map.of()), DemoListener.NONE, new CancelToken());

        assertThat(result.outcome()).as(result.message()).isEqualTo(LaunchResult.Outcome.LAUNCHED);
        assertThat(result.demo().hosts()).extracting(DemoHost::name).containsExactly(FREE_NODE);
        assertThat(nodeEnvironment()).isEqualTo(ENV);
        assertThat(sandbox.docker(sandbox.manager(), "service", "ps", ENV + "_web", "--filter", "desired-state=running",
                "--format", "{{.Node}} {{.CurrentState}}")).startsWith(FREE_NODE + " Running");
        assertThat(sandbox.docker(sandbox.manager(), "config", "ls", "--filter", "label=dev.envboard.record.subject=" + ENV,
                "--format", "{{.Name}}")).as("the record, kept by the Swarm").isNotBlank();
        EntryPoint page = result.demo().entryPoints().get(0);
        assertThat(page.url()).isEqualTo("http://" + sandbox.engine(FREE_NODE).address() + ":8081/");
        HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(HttpRequest.newBuilder(URI.create(page.url())).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("page of Globex");

        TeardownResult teardown = fixture.app.demoService().teardown(fixture.pool(POOL), ENV, DemoListener.NONE, new CancelToken());

        assertThat(teardown.outcome()).as(teardown.message()).isEqualTo(TeardownResult.Outcome.DONE);
        assertThat(sandbox.docker(sandbox.manager(), "service", "ls", "-q", "--filter", "label=com.docker.stack.namespace=" + ENV)).isEmpty();
        assertThat(sandbox.docker(sandbox.manager(), "network", "ls", "-q", "--filter", "label=com.docker.stack.namespace=" + ENV)).isEmpty();
        assertThat(sandbox.docker(sandbox.manager(), "config", "ls", "-q", "--filter", "label=dev.envboard.record.subject=" + ENV)).isEmpty();
        assertThat(sandbox.docker(sandbox.engine(FREE_NODE), "ps", "-aq", "--filter", "label=com.docker.stack.namespace=" + ENV)).isEmpty();
        assertThat(nodeEnvironment()).as("the node is Unassigned again").isEmpty();
    }
}
