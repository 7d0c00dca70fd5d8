package dev.envboard.pool.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.envboard.pool.EngineSpec;
import dev.envboard.pool.LabelScope;
import dev.envboard.pool.PoolKind;
import dev.envboard.pool.PoolSpec;
import dev.envboard.yaml.InputProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoolsFileLoaderTest {
    @TempDir
    Path dir;

    private PoolsConfig load(String yaml) throws IOException {
        Path file = dir.resolve("pools.yaml");
        Files.writeString(file, yaml);
        return new PoolsFileLoader(Path.of("/home/tester"), "tester").load(file);
    }

    @Test
    void readsSwarmAndStandalonePoolsWithDefaults() throws IOException {
        PoolsConfig config = load("""
                pools:
                  - name: qa-swarm
                    kind: swarm
                    endpoint: unix:///run/docker.sock
                  - name: lab
                    kind: standalone
                    label-key: env
                    stacks: stacks
                    templates: ~/demo-templates
                    ssh: { user: ops, identity: keys/id_ed25519, known-hosts: ~/.ssh/known_hosts }
                    engines:
                      - endpoint: tcp://10.0.0.5:2376
                        tls: certs/lab
                      - name: box-2
                        endpoint: unix:///run/box2.sock
                        ssh: root@10.0.0.6:2222
                        daemon-json: /etc/docker/custom.json
                        reload: kill -HUP 1
                """);
        assertThat(config.problems()).isEmpty();
        assertThat(config.pools()).extracting(PoolSpec::name).containsExactly("qa-swarm", "lab");

        PoolSpec swarm = config.pools().get(0);
        assertThat(swarm.kind()).isEqualTo(PoolKind.SWARM);
        assertThat(swarm.labelKey()).isEqualTo("environment");
        assertThat(swarm.labelScope()).isEqualTo(LabelScope.NODE);
        assertThat(swarm.manager().uri().toString()).isEqualTo("unix:///run/docker.sock");

        assertThat(swarm.templatesDir()).as("no templates: folder").isNull();

        PoolSpec lab = config.pools().get(1);
        assertThat(lab.labelKey()).isEqualTo("env");
        assertThat(lab.stacksDir()).isEqualTo(dir.resolve("stacks"));
        assertThat(lab.templatesDir()).as("resolved like stacks:").isEqualTo(Path.of("/home/tester/demo-templates"));
        assertThat(lab.labelScope()).isEqualTo(LabelScope.ENGINE);
        EngineSpec first = lab.engines().get(0);
        assertThat(first.endpoint().tlsDir()).isEqualTo(dir.resolve("certs/lab"));
        assertThat(first.ssh().toString()).isEqualTo("ops@10.0.0.5");
        assertThat(first.ssh().identity()).isEqualTo(dir.resolve("keys/id_ed25519"));
        assertThat(first.ssh().knownHosts()).isEqualTo(Path.of("/home/tester/.ssh/known_hosts"));
        assertThat(first.daemonJson()).isEqualTo(EngineSpec.DEFAULT_DAEMON_JSON);
        assertThat(first.reloadCommand()).isEqualTo("systemctl reload docker");
        EngineSpec second = lab.engines().get(1);
        assertThat(second.ssh().user()).isEqualTo("root");
        assertThat(second.ssh().port()).isEqualTo(2222);
        assertThat(second.daemonJson()).isEqualTo("/etc/docker/custom.json");
        assertThat(second.reloadCommand()).isEqualTo("kill -HUP 1");
    }

    @Test
    void yamlSyntaxErrorNamesFileAndLine() throws IOException {
        PoolsConfig config = load("""
                pools:
                  - name: a
                    kind: swarm
                   endpoint: [unclosed
                """);
        assertThat(config.pools()).isEmpty();
        InputProblem problem = config.problems().get(0);
        assertThat(problem.file()).isEqualTo(dir.resolve("pools.yaml"));
        assertThat(problem.line()).isBetween(3, 5);
        assertThat(problem.toString()).startsWith(dir.resolve("pools.yaml") + ":").contains("not valid YAML");
    }

    @Test
    void anEndpointListedTwiceIsOneHostAndTheRepeatIsReported() throws IOException {
        PoolsConfig config = load("""
                pools:
                  - name: lab
                    kind: standalone
                    insecure: true
                    engines:
                      - endpoint: tcp://10.0.0.1:2375
                      - endpoint: tcp://10.0.0.2:2375
                      - endpoint: tcp://10.0.0.1:2375
                """);
        assertThat(config.pool("lab").orElseThrow().engines()).extracting(e -> e.endpoint().uri().toString())
                .containsExactly("tcp://10.0.0.1:2375", "tcp://10.0.0.2:2375");
        assertThat(config.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(8);
            assertThat(p.field()).isEqualTo("pools[0].engines[2].endpoint");
            assertThat(p.message()).contains("tcp://10.0.0.1:2375 is listed twice");
        });
    }

    @Test
    void badPoolIsReportedWithLineAndFieldAndTheOthersStillLoad() throws IOException {
        PoolsConfig config = load("""
                pools:
                  - name: good
                    kind: swarm
                    endpoint: unix:///run/docker.sock
                  - name: weird
                    kind: kubernetes
                    endpoint: unix:///run/other.sock
                  - name: no-endpoint
                    kind: swarm
                """);
        assertThat(config.pools()).extracting(PoolSpec::name).containsExactly("good");
        assertThat(config.errors()).hasSize(2);
        InputProblem kind = config.errors().get(0);
        assertThat(kind.line()).isEqualTo(6);
        assertThat(kind.field()).isEqualTo("pools[1].kind");
        assertThat(kind.message()).contains("unknown pool kind \"kubernetes\"");
        InputProblem missing = config.errors().get(1);
        assertThat(missing.field()).isEqualTo("pools[2].endpoint");
        assertThat(missing.message()).isEqualTo("is required");
    }

    @Test
    void plainTcpToAnotherMachineIsRefusedUnlessInsecure() throws IOException {
        PoolsConfig refused = load("""
                pools:
                  - name: open
                    kind: swarm
                    endpoint: tcp://10.9.8.7:2375
                """);
        assertThat(refused.pools()).isEmpty();
        assertThat(refused.errors().get(0).field()).isEqualTo("pools[0].endpoint");
        assertThat(refused.errors().get(0).message()).contains("plain tcp to 10.9.8.7 is refused");

        PoolsConfig allowed = load("""
                pools:
                  - name: open
                    kind: swarm
                    endpoint: tcp://10.9.8.7:2375
                    insecure: true
                  - name: loop
                    kind: swarm
                    endpoint: tcp://127.0.0.1:2375
                """);
        assertThat(allowed.problems()).isEmpty();
        assertThat(allowed.pools().get(0).isInsecure()).isTrue();
        assertThat(allowed.pools().get(1).isInsecure()).isFalse();
    }

    @Test
    void unknownKeysAreWarningsNotSilence() throws IOException {
        PoolsConfig config = load("""
                pools:
                  - name: a
                    kind: swarm
                    endpoint: unix:///run/docker.sock
                    colour: blue
                """);
        assertThat(config.pools()).hasSize(1);
        assertThat(config.problems()).singleElement().satisfies(p -> {
            assertThat(p.isError()).isFalse();
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.field()).isEqualTo("pools[0].colour");
        });
    }

    @Test
    void duplicateNamesAndBadLabelKeysAreErrors() throws IOException {
        PoolsConfig config = load("""
                pools:
                  - name: a
                    kind: swarm
                    endpoint: unix:///run/one.sock
                  - name: a
                    kind: swarm
                    endpoint: unix:///run/two.sock
                  - name: b
                    kind: swarm
                    label-key: "env ironment"
                    endpoint: unix:///run/three.sock
                """);
        assertThat(config.pools()).hasSize(1);
        assertThat(config.errors()).extracting(InputProblem::field).containsExactly("pools[1].name", "pools[2].label-key");
    }

    @Test
    void nodesFileBecomesEnginesAndBadLinesAreNamed() throws IOException {
        Files.writeString(dir.resolve("nodes.txt"), """
                # classic swarm discovery
                10.0.0.11:2376
                not a host
                node-2.lab:2376   # trailing comment
                10.0.0.12:99999
                """);
        PoolsConfig config = load("""
                pools:
                  - name: classic
                    kind: standalone
                    tls: certs
                    nodes-file: nodes.txt
                """);
        assertThat(config.pools()).singleElement().satisfies(pool -> {
            assertThat(pool.engines()).extracting(e -> e.endpoint().uri().toString())
                    .containsExactly("tcp://10.0.0.11:2376", "tcp://node-2.lab:2376");
            assertThat(pool.engines()).allSatisfy(e -> assertThat(e.endpoint().tlsDir()).isEqualTo(dir.resolve("certs")));
        });
        assertThat(config.problems()).extracting(InputProblem::line).containsExactly(3, 5);
        assertThat(config.problems()).allSatisfy(p -> assertThat(p.file()).isEqualTo(dir.resolve("nodes.txt")));
    }

    @Test
    void missingFileIsAProblemNotACrash() {
        PoolsConfig config = new PoolsFileLoader(dir, "u").load(dir.resolve("absent.yaml"));
        assertThat(config.pools()).isEmpty();
        assertThat(config.errors().get(0).message()).isEqualTo("no such file");
    }

    @Test
    void mergeKeysShareSettingsBetweenEngines() throws IOException {
        PoolsConfig config = load("""
                x-engine: &engine
                  daemon-json: /srv/docker/daemon.json
                  reload: systemctl reload docker-ce
                pools:
                  - name: lab
                    kind: standalone
                    engines:
                      - <<: *engine
                        endpoint: unix:///run/a.sock
                      - <<: *engine
                        endpoint: unix:///run/b.sock
                        reload: kill -HUP 1
                """);
        // x-engine is an unknown top-level key: a warning, and the pool loads.
        assertThat(config.errors()).isEmpty();
        PoolSpec lab = config.pools().get(0);
        assertThat(lab.engines()).extracting(EngineSpec::daemonJson).containsOnly("/srv/docker/daemon.json");
        assertThat(lab.engines()).extracting(EngineSpec::reloadCommand).containsExactly("systemctl reload docker-ce", "kill -HUP 1");
    }

    @Test
    void registryConfigNamesADockerConfigDirectoryBesideTheFile() throws IOException {
        Files.createDirectories(dir.resolve("docker-qa"));
        Files.writeString(dir.resolve("config.json"), "{}");
        PoolsConfig config = load("""
                pools:
                  - name: with-dir
                    kind: swarm
                    endpoint: unix:///run/docker.sock
                    registry-config: docker-qa
                  - name: default
                    kind: swarm
                    endpoint: unix:///run/other.sock
                  - name: missing
                    kind: swarm
                    endpoint: unix:///run/third.sock
                    registry-config: ~/no-such-docker
                  - name: a-file
                    kind: swarm
                    endpoint: unix:///run/fourth.sock
                    registry-config: config.json
                  - name: a-list
                    kind: swarm
                    endpoint: unix:///run/fifth.sock
                    registry-config: [a, b]
                """);

        assertThat(config.pools()).extracting(PoolSpec::name).containsExactly("with-dir", "default", "missing");
        assertThat(config.pools().get(0).registryConfig()).isEqualTo(dir.resolve("docker-qa"));
        assertThat(config.pools().get(1).registryConfig()).as("the user's DOCKER_CONFIG or ~/.docker").isNull();
        assertThat(config.pools().get(2).registryConfig()).isEqualTo(Path.of("/home/tester/no-such-docker"));
        assertThat(config.problems()).extracting(InputProblem::line, InputProblem::field).containsExactly(
                tuple(12, "pools[2].registry-config"),
                tuple(16, "pools[3].registry-config"),
                tuple(20, "pools[4].registry-config"));
        assertThat(config.problems().get(0).message()).contains("/home/tester/no-such-docker does not exist", "docker --config");
        assertThat(config.errors()).extracting(InputProblem::message).containsExactly(
                dir.resolve("config.json") + " is a file; name the docker config directory that holds config.json (" + dir + ")",
                "must be a single value, not a list");
    }

    @Test
    void protectedListsEnvironmentsThatNeedTheirNameTyped() throws IOException {
        PoolsConfig config = load("""
                pools:
                  - name: lab
                    kind: swarm
                    endpoint: unix:///run/docker.sock
                    protected: [staging, qa, qa]
                  - name: open
                    kind: swarm
                    endpoint: unix:///run/other.sock
                """);
        assertThat(config.errors()).isEmpty();
        PoolSpec lab = config.pool("lab").orElseThrow();
        assertThat(lab.protectedEnvironments()).containsExactly("staging", "qa");
        assertThat(lab.isProtected("qa")).isTrue();
        assertThat(lab.isProtected("dev")).isFalse();
        assertThat(lab.isProtected(null)).as("unassigned is never protected").isFalse();
        assertThat(config.pool("open").orElseThrow().protectedEnvironments()).isEmpty();
        assertThat(config.problems()).singleElement().satisfies(p -> {
            assertThat(p.isError()).isFalse();
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.field()).isEqualTo("pools[0].protected[2]");
            assertThat(p.message()).isEqualTo("qa is listed twice");
        });
    }

    @Test
    void aBadProtectedEntryRefusesItsPoolNamingFileLineAndKey() throws IOException {
        PoolsConfig config = load("""
                pools:
                  - name: bad-name
                    kind: swarm
                    endpoint: unix:///run/one.sock
                    protected:
                      - qa
                      - Staging Env
                  - name: not-a-list
                    kind: swarm
                    endpoint: unix:///run/two.sock
                    protected: qa
                  - name: a-mapping
                    kind: swarm
                    endpoint: unix:///run/three.sock
                    protected: [{qa: yes}]
                  - name: good
                    kind: swarm
                    endpoint: unix:///run/four.sock
                    protected: []
                """);
        assertThat(config.pools()).extracting(PoolSpec::name).containsExactly("good");
        assertThat(config.errors()).extracting(InputProblem::file).containsOnly(dir.resolve("pools.yaml"));
        assertThat(config.errors()).extracting(InputProblem::line, InputProblem::field).containsExactly(
                tuple(7, "pools[0].protected[1]"),
                tuple(11, "pools[1].protected"),
                tuple(15, "pools[2].protected[0]"));
        assertThat(config.errors()).extracting(InputProblem::message).containsExactly(
                "use lower-case letters, digits, '.', '_' or '-' (at most 63, starting and ending with a letter or digit), "
                        + "not \"Staging Env\"",
                "list the protected environments, e.g. protected: [qa]",
                "name an environment, e.g. qa");
        assertThat(config.errors().get(0).toString()).startsWith(dir.resolve("pools.yaml") + ":7: pools[0].protected[1]: ");
    }
}
