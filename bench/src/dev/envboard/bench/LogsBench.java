package dev.envboard.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import dev.envboard.docker.EndpointSpec;
import dev.envboard.logs.ContainerRef;
import dev.envboard.logs.LogBuffer;
import dev.envboard.logs.LogLine;
import dev.envboard.logs.LogOptions;
import dev.envboard.logs.LogService;
import dev.envboard.logs.LogSession;
import dev.envboard.pool.EngineSpec;
import dev.envboard.pool.PoolSpec;
import dev.envboard.testing.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code logs}: how fast Envboard ingests a log, against {@code docker logs -f} reading the same one.
 *
 * <p>On envboard-host-1 a container prints N numbered lines ({@code seq}) and stays up. Each run
 * reads that log from its first line until line N arrives, following (the stream stays open):
 * Envboard through its whole path (the engine's multiplexed stream, line joining, timestamps,
 * into a LogBuffer with the default bound of 200 000 lines) while a second thread polls the
 * buffer 60 times a second as a UI would and checks every line (number and order); the CLI as
 * {@code docker logs -f NAME} whose stdout this JVM reads and counts, storing nothing (as
 * {@code > /dev/null} would, plus a pipe). Both read what the same engine reads from the same
 * json-file; runs alternate. Envboard asks for {@code timestamps=1} (it needs each line's time to
 * re-attach after a restart), so the engine formats and sends 31 more bytes per line for it; a
 * second pair, docker-java's own frame callback vs {@code docker logs -f -t}, shows that cost and
 * why Envboard reads the raw stream. The floor makes the 2 calls Envboard's SourceFollower makes,
 * {@code GET /containers/NAME/json} (on a kept-alive connection) then
 * {@code GET /containers/NAME/logs?stdout=1&stderr=1&timestamps=1&follow=1&tail=all} (a connection
 * of its own, as a follow needs), and only takes the stream apart into frames and counts newlines.
 * Any line Envboard loses or repeats fails the benchmark (exit 1), naming the first one.
 *
 * <p>Then: opening a 1 000 000-line log at its last 1000 lines (tail=1000: the engine reads the
 * file from its end), until those lines are in the buffer, vs {@code docker logs --tail 1000}, vs
 * the floor (the same 2 calls with tail=1000, until 1000 lines arrived). Sides alternate, the
 * first rotating each round.
 */
final class LogsBench implements Bench.Benchmark {
    private static final int LINES = Integer.getInteger("envboard.bench.logs.lines", 2_000_000);
    private static final int OPEN_LOG_LINES = 1_000_000;
    private static final int OPEN_TAIL = 1000;
    private static final int WARMUP = 1;
    private static final int RUNS = 5;
    private static final int OPEN_WARMUP = 2;
    private static final int OPEN_RUNS = 10;
    private static final String HOST = "envboard-host-1";
    private static final long FRAME_NANOS = 1_000_000_000L / 60;

    private Sandbox.Engine engine;
    private LogService logs;
    private RawEngine floorEngine;
    /** Lines Envboard's buffer dropped (its 200 000-line bound) before the 60 Hz reader got to them: not checkable. */
    private long unchecked;
    /** CPU time of this JVM during each side's runs (the engine's own work is not in it). */
    private final Samples envboardCpu = new Samples();
    private final Samples readerCpu = new Samples();
    private final Samples callbackCpu = new Samples();
    private final Samples cliCpu = new Samples();

    @Override
    public void run(BenchContext context) throws Exception {
        Sandbox sandbox = context.sandbox();
        engine = sandbox.engine(HOST);
        logs = new LogService(context.app().dockerClients(), context.app().executors().io());
        String suffix = Long.toString(ProcessHandle.current().pid());
        String big = "envboard-bench-logs-" + suffix;
        String tailed = "envboard-bench-logs-tail-" + suffix;
        try {
            // The sandbox's engines keep 10 MB of log per container (daemon.json); these logs are far larger.
            sandbox.docker(engine, "run", "-d", "--name", big, "--log-opt", "max-size=2g", "envboard/demo:1",
                    "sh", "-c", "seq 1 " + LINES + "; exec sleep 1000000");
            sandbox.docker(engine, "run", "-d", "--name", tailed, "--log-opt", "max-size=2g", "envboard/demo:1",
                    "sh", "-c", "seq 1 " + OPEN_LOG_LINES + "; exec sleep 1000000");
            awaitLastLine(sandbox, big, LINES);
            awaitLastLine(sandbox, tailed, OPEN_LOG_LINES);
            ContainerRef bigRef = ref(context, big);
            ContainerRef tailedRef = ref(context, tailed);
            floorEngine = new RawEngine(bigRef.endpoint());

            Alternating.Result ingest = Alternating.measure(WARMUP, RUNS, i -> envboardIngest(bigRef, i), i -> cliIngest(big, false),
                    i -> floorIngest(big));
            double envboardRate = LINES / (ingest.envboard().median() / 1000);
            double cliRate = LINES / (ingest.cli().median() / 1000);
            double floorRate = LINES / (ingest.floor().median() / 1000);
            System.out.println(Alternating.order());
            System.out.println(String.format(Locale.ROOT, "logs-ingest: %d lines, %d runs: envboard=%.0f lines/s (p90 %s ms) "
                            + "docker-cli=%.0f lines/s (p90 %s ms) floor=%.0f lines/s (p90 %s ms) ratio=%.2f floor-ratio=%.2f"
                            + " lost=0 repeated=0 (every line checked, %d dropped by the buffer's bound before the check)",
                    LINES, RUNS, envboardRate, Samples.ms(ingest.envboard().percentile(90)), cliRate,
                    Samples.ms(ingest.cli().percentile(90)), floorRate, Samples.ms(ingest.floor().percentile(90)),
                    envboardRate / cliRate, envboardRate / floorRate, unchecked));
            System.out.println("logs-cpu: per run of " + LINES + " lines: envboard's reader thread " + Samples.ms(readerCpu.median())
                    + " ms (stream, line joining, buffer), its whole JVM " + Samples.ms(envboardCpu.median())
                    + " ms (with the 60 Hz checker and GC); the docker CLI process " + Samples.ms(cliCpu.median()) + " ms");

            Samples envboardOpen = new Samples();
            Samples cliOpen = new Samples();
            Samples floorOpen = new Samples();
            Alternating.measure(OPEN_WARMUP, OPEN_RUNS,
                    i -> record(envboardOpen, i, () -> envboardOpenTail(tailedRef)),
                    i -> record(cliOpen, i, () -> cliOpenTail(tailed)),
                    i -> record(floorOpen, i, () -> floorOpenTail(tailed)));
            Alternating.Result open = new Alternating.Result(java.util.Map.of(Alternating.ENVBOARD, envboardOpen,
                    Alternating.CLI, cliOpen, Alternating.FLOOR, floorOpen));
            System.out.println("logs-open-tail: " + OPEN_LOG_LINES + "-line log, tail=" + OPEN_TAIL + ": " + open.summary()
                    + " (p90 envboard " + Samples.ms(envboardOpen.percentile(90)) + " ms, docker-cli "
                    + Samples.ms(cliOpen.percentile(90)) + " ms, floor " + Samples.ms(floorOpen.percentile(90)) + " ms)");
            long rssMb = peakRssKb() / 1024;

            // Why the raw stream: docker-java's frame callback (1 KiB frames, a copy each) against the CLI with -t.
            DockerClient client = context.app().dockerClients().stream(bigRef.endpoint());
            Alternating.Result callback = Alternating.measure(0, 3, List.of(
                    new Alternating.Side("docker-java-callback", i -> dockerJavaCallback(client, big)),
                    new Alternating.Side(Alternating.CLI, i -> cliIngest(big, true))));
            System.out.println(String.format(Locale.ROOT, "logs-timestamps: docker-java frame callback (counting newlines only)=%.0f lines/s "
                            + "using %s ms CPU per run; docker logs -f -t=%.0f lines/s",
                    LINES / (callback.side("docker-java-callback").median() / 1000),
                    Samples.ms(callbackCpu.median()), LINES / (callback.cli().median() / 1000)));

            System.out.println(String.format(Locale.ROOT, "logs: envboard=%.0f lines/s docker-cli=%.0f lines/s floor=%.0f lines/s "
                            + "ratio=%.2f floor-ratio=%.2f lost=0 repeated=0 rss=%dMB; open-tail-1000 %s",
                    envboardRate, cliRate, floorRate, envboardRate / cliRate, envboardRate / floorRate, rssMb, open.summary()));
        } finally {
            if (floorEngine != null) {
                floorEngine.close();
            }
            for (String name : List.of(big, tailed)) {
                try {
                    sandbox.docker(engine, "rm", "-f", name);
                } catch (AssertionError notThere) {
                    // never started
                }
            }
        }
    }

    /** The engine as Envboard's pools.yaml names it (envboard-host-1 is a unix socket in the sandbox). */
    private ContainerRef ref(BenchContext context, String name) {
        PoolSpec pool = context.app().pools().pool("sandbox-hosts").orElseThrow();
        EndpointSpec endpoint = pool.engines().stream().filter(e -> HOST.equals(e.name())).map(EngineSpec::endpoint)
                .findFirst().orElseThrow();
        return new ContainerRef(pool.name(), HOST, endpoint, name, name);
    }

    private void awaitLastLine(Sandbox sandbox, String name, int last) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!sandbox.docker(engine, "logs", "--tail", "1", name).equals(Integer.toString(last))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not print its " + last + " lines within 5 minutes");
            }
            Thread.sleep(200);
        }
    }

    /** Follows from the first line until line N, with a "UI" thread reading the buffer at 60 Hz and checking each line. */
    private void envboardIngest(ContainerRef ref, int run) throws Exception {
        long cpu = processCpuNanos();
        try (LogSession session = logs.open(List.of(ref), LogOptions.defaults().withTail(LogOptions.ALL),
                (source, state) -> { })) {
            UiPoller poller = new UiPoller(session.buffer());
            Thread ui = new Thread(poller, "bench-ui-poller");
            ui.setDaemon(true);
            ui.start();
            ui.join();
            readerCpu.add(ManagementFactory.getThreadMXBean().getThreadCpuTime(session.threads().get(0).getId()));
            unchecked += poller.check.unseenLines();
            if (!poller.check.ok()) {
                throw new BenchFailure("Envboard's run " + (run + 1) + " of the " + LINES + "-line log: " + poller.check.report()
                        + "; sources: " + session.sources());
            }
        }
        envboardCpu.add(processCpuNanos() - cpu);
    }

    /**
     * What a log view does each frame: take the new lines; here also check every one (line k must
     * say k, see {@link LineCheck}) without building Strings. Gives up after 30 s without a new line.
     */
    private static final class UiPoller implements Runnable {
        private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(30);
        private final LogBuffer buffer;
        private final byte[] text = new byte[64];
        final LineCheck check = new LineCheck(LINES);

        UiPoller(LogBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public void run() {
            long next = 0;
            long frame = System.nanoTime();
            long lastNew = frame;
            while (!check.done()) {
                frame += FRAME_NANOS;
                LockSupport.parkNanos(frame - System.nanoTime());
                long end = buffer.endSeq();
                if (end > next) {
                    lastNew = System.nanoTime();
                } else if (System.nanoTime() - lastNew > QUIET_NANOS) {
                    check.ended("no new line for 30 s");
                    return;
                }
                for (; next < end; next++) {
                    int length = buffer.copyText(next, text);
                    if (length < 0) {
                        check.unseen();
                        continue;
                    }
                    long number = parse(text, length);
                    if (number >= 0) {
                        check.line(number);
                        continue;
                    }
                    LogLine line = buffer.get(next);
                    if (line == null) {
                        check.unseen();
                    } else if (!line.isMarker()) { // Envboard's own notes (a re-attach) are not lines of the log
                        check.foreign(line.text());
                    }
                }
                // The rows on screen: a view builds only these.
                for (long seq = Math.max(buffer.firstSeq(), end - 50); seq < end; seq++) {
                    buffer.get(seq);
                }
            }
        }

        private static long parse(byte[] text, int length) {
            long value = 0;
            for (int i = 0; i < length; i++) {
                int digit = text[i] - '0';
                if (digit < 0 || digit > 9) {
                    return -1;
                }
                value = value * 10 + digit;
            }
            return length == 0 ? -1 : value;
        }
    }

    /** Envboard's 2 calls, minimal: inspect (kept-alive connection), then the log stream, its frames' newlines counted until line N. */
    private void floorIngest(String name) throws IOException {
        floorEngine.get("/containers/" + name + "/json").ok("inspect");
        try (RawEngine.Stream stream = floorEngine.open("/containers/" + name
                + "/logs?stdout=1&stderr=1&timestamps=1&follow=1&tail=all")) {
            long lines = countFramedLines(stream, LINES);
            if (lines != LINES) {
                throw new BenchFailure("the floor's log stream ended after " + lines + " of " + LINES + " lines");
            }
        }
    }

    /** The same with tail=1000, until those lines arrived. */
    private long floorOpenTail(String name) throws IOException {
        long start = System.nanoTime();
        floorEngine.get("/containers/" + name + "/json").ok("inspect");
        try (RawEngine.Stream stream = floorEngine.open("/containers/" + name
                + "/logs?stdout=1&stderr=1&timestamps=1&follow=1&tail=" + OPEN_TAIL)) {
            long lines = countFramedLines(stream, OPEN_TAIL);
            long nanos = System.nanoTime() - start; // closing the stream after is not counted, as for Envboard
            if (lines != OPEN_TAIL) {
                throw new BenchFailure("the floor's tail gave " + lines + " lines");
            }
            return nanos;
        }
    }

    /** Newlines in the payload of the engine's multiplexed stream (8-byte frame headers skipped), until {@code until}. */
    private static long countFramedLines(RawEngine.Stream stream, long until) throws IOException {
        if (stream.status() != 200) {
            throw new BenchFailure("the engine refused the floor's log: " + stream.status());
        }
        InputStream in = stream.body();
        byte[] buffer = new byte[64 * 1024];
        long lines = 0;
        long frameLeft = 0;
        int headerLeft = 8;
        long size = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            int i = 0;
            while (i < n) {
                if (frameLeft == 0) {
                    // An 8-byte header: stream (1 stdout, 2 stderr), three zeros, the size. Anything else: the stream was misread.
                    int b = buffer[i] & 0xff;
                    if (headerLeft == 8 ? b != 1 && b != 2 : headerLeft > 4 && b != 0) {
                        throw new BenchFailure("the floor misread the multiplexed log stream after " + lines + " lines");
                    }
                    size = (size << 8) | b; // bytes 4..7 are the size; 0..3 shift out
                    i++;
                    if (--headerLeft == 0) {
                        frameLeft = size & 0xffffffffL;
                        headerLeft = 8;
                        size = 0;
                    }
                    continue;
                }
                int stop = (int) Math.min(n, i + frameLeft);
                frameLeft -= stop - i;
                for (; i < stop; i++) {
                    if (buffer[i] == '\n' && ++lines == until) {
                        return lines;
                    }
                }
            }
        }
        return lines;
    }

    /** {@code docker logs -f NAME}, its stdout read and counted here until line N, then stopped. */
    private void cliIngest(String name, boolean timestamps) throws IOException, InterruptedException {
        List<String> command = timestamps ? List.of("docker", "-H", engine.dockerHost(), "logs", "-f", "-t", name)
                : List.of("docker", "-H", engine.dockerHost(), "logs", "-f", name);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (InputStream out = process.getInputStream()) {
            long lines = countLines(out, LINES);
            if (lines != LINES) {
                throw new IllegalStateException("docker logs -f ended after " + lines + " of " + LINES + " lines");
            }
            if (!timestamps) {
                process.info().totalCpuDuration().ifPresent(d -> cliCpu.add(d.toNanos()));
            }
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static long countLines(InputStream in, long until) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long lines = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n' && ++lines == until) {
                    return lines;
                }
            }
        }
        return lines;
    }

    /** docker-java's own way: logContainerCmd(...).exec(ResultCallback of Frame), doing nothing but counting newlines. */
    private void dockerJavaCallback(DockerClient client, String name) throws Exception {
        long cpu = processCpuNanos();
        CountDownLatch done = new CountDownLatch(1);
        try (ResultCallback.Adapter<Frame> callback = client.logContainerCmd(name).withFollowStream(true)
                .withStdOut(true).withStdErr(true).withTimestamps(true).withTailAll()
                .exec(new ResultCallback.Adapter<>() {
                    private long count;

                    @Override
                    public void onNext(Frame frame) {
                        for (byte b : frame.getPayload()) {
                            if (b == '\n' && ++count == LINES) {
                                done.countDown();
                            }
                        }
                    }
                })) {
            if (!done.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("docker-java's callback did not get " + LINES + " lines");
            }
        }
        callbackCpu.add(processCpuNanos() - cpu);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Nanoseconds from opening until the last 1000 lines are in the buffer (closing the session after is not counted). */
    private long envboardOpenTail(ContainerRef ref) {
        long start = System.nanoTime();
        try (LogSession session = logs.open(ref, LogOptions.defaults())) {
            LogBuffer buffer = session.buffer();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (buffer.size() < OPEN_TAIL) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the tail did not arrive: " + session.sources());
                }
                LockSupport.parkNanos(20_000);
            }
            long first = buffer.firstSeq();
            if (!buffer.get(first).text().equals(Integer.toString(OPEN_LOG_LINES - OPEN_TAIL + 1))
                    || !buffer.get(first + OPEN_TAIL - 1).text().equals(Integer.toString(OPEN_LOG_LINES))) {
                throw new IllegalStateException("the tail is not the last " + OPEN_TAIL + " lines");
            }
            return System.nanoTime() - start;
        }
    }

    /** Nanoseconds from starting {@code docker logs --tail 1000} until it has printed them and exited. */
    private long cliOpenTail(String name) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder("docker", "-H", engine.dockerHost(), "logs", "--tail", Integer.toString(OPEN_TAIL), name)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (InputStream out = process.getInputStream()) {
            long lines = countLines(out, Long.MAX_VALUE);
            if (!process.waitFor(1, TimeUnit.MINUTES) || lines != OPEN_TAIL) {
                throw new IllegalStateException("docker logs --tail gave " + lines + " lines");
            }
        }
        return System.nanoTime() - start;
    }

    @FunctionalInterface
    private interface Timed {
        long nanos() throws Exception;
    }

    /** Keeps a run's own time after the warm-up runs. */
    private static void record(Samples samples, int i, Timed timed) throws Exception {
        long nanos = timed.nanos();
        if (i >= OPEN_WARMUP) {
            samples.add(nanos);
        }
    }

    private static long peakRssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
