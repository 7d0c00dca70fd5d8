package dev.envboard.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envboard.runtime.AppExecutors;
import dev.envboard.docker.DockerClients;
import dev.envboard.logs.ansi.AnsiColor;
import dev.envboard.logs.ansi.AnsiParser;
import dev.envboard.logs.ansi.StyledRun;
import dev.envboard.logs.ansi.TextStyle;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Following real containers on the sandbox's envboard-host-1. */
@ExtendWith(SandboxExtension.class)
class LogFollowEngineTest {
    /** Hang guard only: nothing here is timed. */
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private Sandbox sandbox;
    private Sandbox.Engine host;
    private ScratchContainers containers;
    private DockerClients clients;
    private AppExecutors executors;
    private LogService logs;
    private final List<LogSession> sessions = new ArrayList<>();
    private final List<SourceState> states = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp(Sandbox sandbox) {
        this.sandbox = sandbox;
        host = sandbox.engine("envboard-host-1");
        containers = new ScratchContainers(sandbox);
        clients = new DockerClients();
        executors = new AppExecutors();
        logs = new LogService(clients, executors.io());
    }

    @AfterEach
    void tearDown() {
        try {
            sessions.forEach(LogSession::close);
            containers.close();
        } finally {
            clients.close();
            executors.close();
        }
    }

    private LogSession follow(String name, LogOptions options) {
        LogSession session = logs.open(List.of(ScratchContainers.ref(host, name)), options, (source, state) -> states.add(state));
        sessions.add(session);
        return session;
    }

    private static List<LogLine> lines(LogSession session) {
        List<LogLine> lines = new ArrayList<>();
        LogBuffer buffer = session.buffer();
        for (long seq = buffer.firstSeq(); seq < buffer.endSeq(); seq++) {
            LogLine line = buffer.get(seq);
            if (line != null) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** tee truncates /tmp/n before it writes, so a read can fall between the two and find it empty. */
    private long counterAfterRestart(String name) {
        AtomicReference<String> counter = new AtomicReference<>("");
        await().atMost(PATIENCE).until(() -> {
            counter.set(sandbox.docker(host, "exec", name, "cat", "/tmp/n"));
            return counter.get().matches("\\d+");
        });
        return Long.parseLong(counter.get());
    }

    private static List<Long> numbers(LogSession session) {
        return lines(session).stream().filter(l -> !l.isMarker()).map(l -> Long.parseLong(l.text())).toList();
    }

    private static void assertConsecutiveFromOne(List<Long> numbers) {
        for (int i = 0; i < numbers.size(); i++) {
            if (numbers.get(i) != i + 1) {
                throw new AssertionError("line " + (i + 1) + " is " + numbers.get(i) + ": a gap or a repeat around "
                        + numbers.subList(Math.max(0, i - 3), Math.min(numbers.size(), i + 3)));
            }
        }
    }

    @Test
    void numberedLinesArriveCompleteAndInOrder() {
        String name = containers.run(host, "seq", "seq 1 20000; exec sleep 100000");
        LogSession session = follow(name, LogOptions.defaults().withTail(LogOptions.ALL));
        await().atMost(PATIENCE).until(() -> numbers(session).size() >= 20_000);
        List<Long> numbers = numbers(session);
        assertThat(numbers).hasSize(20_000);
        assertConsecutiveFromOne(numbers);
        assertThat(lines(session)).allSatisfy(line -> assertThat(line.hasTime()).isTrue());
        assertThat(session.sources().get(0).state().phase()).isEqualTo(SourcePhase.FOLLOWING);
        assertThat(session.buffer().dropped()).isZero();
    }

    @Test
    void tailGivesExactlyTheLastLines() {
        String name = containers.run(host, "tail", "seq 1 5000; exec sleep 100000");
        await().atMost(PATIENCE).until(() -> sandbox.docker(host, "logs", "--tail", "1", name).equals("5000"));
        LogSession session = follow(name, LogOptions.defaults().withTail(100).withFollow(false));
        await().atMost(PATIENCE).until(session::isFinished);
        assertThat(numbers(session)).hasSize(100).first().isEqualTo(4901L);
        assertThat(numbers(session)).last().isEqualTo(5000L);
        assertThat(session.sources().get(0).state()).isEqualTo(new SourceState(SourcePhase.ENDED, null));
    }

    /**
     * The container counts on across {@code docker restart} (its /tmp survives; the TERM trap lets a
     * count finish, and tee writes the line and the counter in one command): every number must arrive
     * once, in order, with Envboard's re-attach marker between the two runs.
     */
    @Test
    void numberedLinesStayCompleteAcrossARestart() {
        String name = containers.run(host, "restart", "trap 'exit 0' TERM; i=$(cat /tmp/n 2>/dev/null || echo 0); "
                + "while :; do i=$((i+1)); echo $i | tee /tmp/n; sleep 0.01; done");
        LogSession session = follow(name, LogOptions.defaults());
        await().atMost(PATIENCE).until(() -> numbers(session).size() >= 50);
        sandbox.docker(host, "restart", "-t", "10", name);
        long restartedAt = counterAfterRestart(name);
        await().atMost(PATIENCE).until(() -> numbers(session).size() >= restartedAt + 50);

        List<Long> numbers = numbers(session);
        assertConsecutiveFromOne(numbers);
        List<String> markers = lines(session).stream().filter(LogLine::isMarker).map(LogLine::text).toList();
        assertThat(markers).contains(SourceFollower.REATTACHED);
        int marker = lines(session).stream().map(LogLine::text).toList().indexOf(SourceFollower.REATTACHED);
        assertThat(lines(session).subList(0, marker)).as("the restart came after the first run's lines").hasSizeGreaterThan(50);
        assertThat(session.sources().get(0).state().phase()).isEqualTo(SourcePhase.FOLLOWING);
    }

    @Test
    void aHundredKilobyteLineArrivesWhole() {
        String name = containers.run(host, "long", "head -c 100000 /dev/zero | tr '\\0' x; echo; echo after; exec sleep 100000");
        LogSession session = follow(name, LogOptions.defaults());
        await().atMost(PATIENCE).until(() -> lines(session).size() >= 2);
        assertThat(lines(session)).extracting(LogLine::text).containsExactly("x".repeat(100_000), "after");
    }

    @Test
    void colouredOutputIsParsedIntoStyledRuns() {
        String name = containers.run(host, "ansi",
                "printf '\\033[31mred\\033[0m plain \\033[1;38;5;208mbold orange\\033[0m \\033[38;2;1;2;3mrgb\\033[0m\\033[2K\\n'; "
                        + "exec sleep 100000");
        LogSession session = follow(name, LogOptions.defaults());
        await().atMost(PATIENCE).until(() -> !lines(session).isEmpty());
        String raw = lines(session).get(0).text();
        assertThat(raw).as("the buffer keeps the raw text").contains("\u001b[31m");
        List<StyledRun> runs = AnsiParser.parse(raw);
        assertThat(runs).containsExactly(
                new StyledRun("red", TextStyle.PLAIN.withForeground(AnsiColor.indexed(1))),
                new StyledRun(" plain ", TextStyle.PLAIN),
                new StyledRun("bold orange", TextStyle.PLAIN.withBold(true).withForeground(AnsiColor.indexed(208))),
                new StyledRun(" ", TextStyle.PLAIN),
                new StyledRun("rgb", TextStyle.PLAIN.withForeground(AnsiColor.rgb(1, 2, 3))));
        assertThat(runs).noneSatisfy(run -> assertThat(run.text()).contains("\u001b"));
    }

    @Test
    void aTtyContainersLinesAreSplitToo() {
        String name = containers.run(host, "tty", List.of("-t"), "echo one; echo two; exec sleep 100000");
        LogSession session = follow(name, LogOptions.defaults());
        await().atMost(PATIENCE).until(() -> lines(session).size() >= 2);
        assertThat(lines(session)).extracting(LogLine::text).containsExactly("one", "two");
        assertThat(lines(session)).allSatisfy(line -> assertThat(line.hasTime()).isTrue());
    }

    @Test
    void aRemovedContainerEndsItsSourceWithAMarker() {
        String name = containers.run(host, "removed", "echo hello; exec sleep 100000");
        LogSession session = follow(name, LogOptions.defaults());
        await().atMost(PATIENCE).until(() -> !lines(session).isEmpty());
        sandbox.docker(host, "rm", "-f", name);
        await().atMost(PATIENCE).until(session::isFinished);
        assertThat(lines(session)).extracting(LogLine::text).containsSubsequence("hello", SourceFollower.REMOVED);
        assertThat(session.sources().get(0).state()).isEqualTo(new SourceState(SourcePhase.ENDED, "the container was removed"));
    }

    @Test
    void aMissingContainerFailsWithAReasonInStateAndLog() {
        LogSession session = follow("envboard-logtest-no-such-container", LogOptions.defaults());
        await().atMost(PATIENCE).until(session::isFinished);
        SourceState state = session.sources().get(0).state();
        assertThat(state.phase()).isEqualTo(SourcePhase.FAILED);
        assertThat(state.message()).contains("no container envboard-logtest-no-such-container on envboard-host-1");
        assertThat(lines(session)).singleElement().satisfies(line -> assertThat(line.isMarker()).isTrue());
    }

    @Test
    void closingTheSessionEndsEveryStreamAndThread() {
        List<ContainerRef> quiet = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            quiet.add(ScratchContainers.ref(host, containers.run(host, "quiet" + i, "echo up; exec sleep 100000")));
        }
        LogSession session = logs.open(quiet, LogOptions.defaults(), SourceListener.NONE);
        sessions.add(session);
        await().atMost(PATIENCE).until(() -> lines(session).size() == 3);
        assertThat(session.threads()).hasSize(3).allSatisfy(thread -> {
            assertThat(thread.isDaemon()).isTrue();
            assertThat(thread.getName()).startsWith("envboard-log-envboard-logtest-");
        });
        session.close();
        await().atMost(PATIENCE).until(() -> session.threads().stream().noneMatch(Thread::isAlive));
        assertThat(session.sources()).allSatisfy(source -> assertThat(source.state().phase()).isEqualTo(SourcePhase.CLOSED));
        assertThat(session.sources()).extracting(LogSource::colourIndex).containsExactly(0, 1, 2);
    }
}
