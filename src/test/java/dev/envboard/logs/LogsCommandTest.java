package dev.envboard.logs;

import dev.envboard.testing.TestCli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envboard.cli.Cli;
import dev.envboard.cli.GuiStarter;
import dev.envboard.cli.Prompt;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code envboard logs} against containers on the sandbox's standalone engines. */
@ExtendWith(SandboxExtension.class)
class LogsCommandTest {
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private record Run(int code, String out, String err) {
    }

    private Sandbox sandbox;
    private ScratchContainers containers;
    private final String env = "logenv" + UUID.randomUUID().toString().substring(0, 6);

    @BeforeEach
    void setUp(Sandbox sandbox) {
        this.sandbox = sandbox;
        containers = new ScratchContainers(sandbox);
    }

    @AfterEach
    void tearDown() {
        containers.close();
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, args);
        return new Run(code, out.toString(), err.toString());
    }

    private int run(StringWriter out, StringWriter err, String... args) {
        GuiStarter noGui = config -> {
            throw new AssertionError("a headless command must not open the window");
        };
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--config";
        all[args.length + 1] = sandbox.poolsFile().toString();
        return TestCli.of(Map.of(), noGui, Prompt.NOBODY).run(new PrintWriter(out), new PrintWriter(err), all);
    }

    /** A container of {@code env}'s {@code service}, as Envboard's standalone driver labels them. */
    private String replica(String host, String service, int slot, String script) {
        return containers.run(sandbox.engine(host), env + "_" + service + "_" + slot,
                List.of("--label", "com.docker.stack.namespace=" + env, "--label", "dev.envboard.service=" + service), script);
    }

    private void awaitLogged(String host, String name, String lastLine) {
        await().atMost(PATIENCE).until(() -> sandbox.docker(sandbox.engine(host), "logs", "--tail", "1", name).equals(lastLine));
    }

    @Test
    void printsTheTailOfOneContainerAndExits() {
        String name = containers.run(sandbox.engine("envboard-host-1"), "one", "seq 1 50; exec sleep 100000");
        awaitLogged("envboard-host-1", name, "50");
        Run run = run("logs", name, "--tail", "3");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("48\n49\n50\n");
    }

    @Test
    void mergesAnEnvironmentsContainersOnEveryEngineWithTheirNames() {
        String web = replica("envboard-host-1", "web", 1, "echo web-1; sleep 0.5; echo web-2; exec sleep 100000");
        String api = replica("envboard-host-2", "api", 1, "sleep 0.25; echo api-1; sleep 0.5; echo api-2; exec sleep 100000");
        awaitLogged("envboard-host-1", web, "web-2");
        awaitLogged("envboard-host-2", api, "api-2");

        Run run = run("logs", "env:" + env, "--pool", "sandbox-hosts", "--timestamps");
        assertThat(run.code()).as(run.err()).isZero();
        List<String[]> lines = run.out().lines().map(l -> l.split(" \\| ", 2)).toList();
        assertThat(lines).hasSize(4).allSatisfy(parts -> assertThat(parts).hasSize(2));
        assertThat(lines).extracting(parts -> parts[0].strip() + " " + parts[1].split(" ", 2)[1])
                .containsExactlyInAnyOrder(web + " web-1", web + " web-2", api + " api-1", api + " api-2");
        List<Instant> times = lines.stream().map(parts -> Instant.parse(parts[1].split(" ", 2)[0])).toList();
        assertThat(times).as("merged in time order").isSorted();
    }

    @Test
    void aServiceIsAllItsReplicas() {
        String first = replica("envboard-host-1", "web", 1, "echo from-1; exec sleep 100000");
        String second = replica("envboard-host-2", "web", 2, "echo from-2; exec sleep 100000");
        replica("envboard-host-1", "api", 1, "echo not-me; exec sleep 100000");
        awaitLogged("envboard-host-1", first, "from-1");
        awaitLogged("envboard-host-2", second, "from-2");
        Run run = run("logs", env + "_web");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsExactlyInAnyOrder(first + " | from-1", second + " | from-2");
    }

    @Test
    void followsUntilTheContainersAreGone() throws Exception {
        String name = containers.run(sandbox.engine("envboard-host-1"), "follow", "i=0; while :; do i=$((i+1)); echo tick-$i; sleep 0.05; done");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> run(out, err, "logs", name, "--follow"));
        await().atMost(PATIENCE).until(() -> out.toString().contains("tick-5\n"));
        sandbox.docker(sandbox.engine("envboard-host-1"), "rm", "-f", name);
        assertThat(code.get()).as(err.toString()).isZero();
        assertThat(err.toString()).contains("the container was removed");
        // Every tick once, in order, up to the last one before the removal: no gap, no repeat.
        List<String> ticks = out.toString().lines().toList();
        assertThat(ticks).hasSizeGreaterThanOrEqualTo(5)
                .isEqualTo(IntStream.rangeClosed(1, ticks.size()).mapToObj(i -> "tick-" + i).toList());
    }

    @Test
    void aTargetMatchingNothingIsAnErrorThatSaysWhere() {
        Run run = run("logs", "no-such-thing-" + env);
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("no-such-thing-" + env + " matches no container in sandbox-swarm, sandbox-hosts");
    }

    @Test
    void aBadTailIsAUsageError() {
        Run run = run("logs", "x", "--tail", "lots");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--tail takes a number of lines or all, not \"lots\"");
    }
}
