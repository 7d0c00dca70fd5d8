package dev.envboard.cli;

import dev.envboard.services.Services;
import dev.envboard.logs.LogBuffer;
import dev.envboard.logs.LogLine;
import dev.envboard.logs.LogOptions;
import dev.envboard.logs.LogService;
import dev.envboard.logs.LogSession;
import dev.envboard.logs.LogSource;
import dev.envboard.logs.LogTarget;
import dev.envboard.logs.LogTimestamps;
import dev.envboard.logs.SourceListener;
import dev.envboard.logs.SourcePhase;
import dev.envboard.logs.TargetResolver;
import dev.envboard.pool.PoolSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code envboard logs TARGET}: a container's, a service's or an environment's logs, merged. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {"Print the logs of a container (name or id), a service (all its replicas,",
                "e.g. qa_web) or an environment (env:qa: its containers on every engine).",
                "With several sources each line starts with its source's name; a merged",
                "tail is in time order. Envboard's notes (a restart, a lost engine) go to",
                "stderr. Exit status 1 when nothing matches or a log cannot be read."})
final class LogsCommand implements Callable<Integer> {
    /** How often a follow prints what came in: often enough to feel live, rarely enough to batch. */
    private static final long PRINT_EVERY_MS = 50;

    @ParentCommand
    EnvboardCommand parent;

    @Mixin
    PoolSelection selection;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TARGET", description = "container name or id, service (qa_web), or env:ENVIRONMENT")
    String target;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines, across restarts, until Ctrl+C.")
    boolean follow;

    @Option(names = {"-n", "--tail"}, paramLabel = "N", defaultValue = "1000",
            description = "Lines to show from the end of each log, or all (default: ${DEFAULT-VALUE}).")
    String tail;

    @Option(names = {"-t", "--timestamps"}, description = "Show each line's time as the engine recorded it.")
    boolean timestamps;

    @Override
    public Integer call() throws InterruptedException {
        int tailLines = tailLines();
        try (Services context = parent.openContext()) {
            List<PoolSpec> pools = selection.select(context.pools());
            LogService logs = new LogService(context.dockerClients(), context.executors().io());
            TargetResolver.Found found = logs.find(pools, LogTarget.parse(target));
            for (String engine : found.unreachable()) {
                parent.err().println("envboard: not searched, unreachable: " + engine);
            }
            if (found.isEmpty()) {
                parent.err().println("envboard: " + target + " matches no container in "
                        + pools.stream().map(PoolSpec::name).collect(Collectors.joining(", ")));
                return 1;
            }
            int sources = found.containers().size();
            // A merged tail is sorted by time, so the buffer must hold all of it.
            boolean sortTail = !follow && tailLines != LogOptions.ALL && sources > 1;
            LogOptions options = LogOptions.defaults().withTail(tailLines).withFollow(follow);
            if (sortTail) {
                options = options.withBufferLines(Math.max(options.bufferLines(), tailLines * sources + 10 * sources));
            }
            try (LogSession session = logs.open(found.containers(), options, SourceListener.NONE)) {
                Printer printer = new Printer(parent.out(), parent.err(), session, timestamps);
                if (sortTail) {
                    while (!session.awaitFinished(1, TimeUnit.SECONDS)) {
                        // waiting for every tail
                    }
                    printer.printSortedByTime();
                } else {
                    printUntilFinished(session, printer);
                }
                boolean failed = session.sources().stream().anyMatch(s -> s.state().phase() == SourcePhase.FAILED);
                return failed ? 1 : 0;
            }
        }
    }

    private int tailLines() {
        if (tail.equalsIgnoreCase("all")) {
            return LogOptions.ALL;
        }
        try {
            int n = Integer.parseInt(tail);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new ParameterException(spec.commandLine(), "--tail takes a number of lines or all, not \"" + tail + "\"");
    }

    /** Prints as lines come in; Ctrl+C closes the session, which ends the loop. */
    private void printUntilFinished(LogSession session, Printer printer) throws InterruptedException {
        Thread closeOnExit = new Thread(session::close, "envboard-logs-exit");
        Runtime.getRuntime().addShutdownHook(closeOnExit);
        try {
            boolean finished;
            do {
                finished = session.isFinished();
                printer.printNew();
                Thread.sleep(PRINT_EVERY_MS);
            } while (!finished);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(closeOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs now
            }
        }
    }

    /** Lines as text: {@code label | } before each when there are several sources, the time if asked. */
    private static final class Printer {
        private final PrintWriter out;
        private final PrintWriter err;
        private final LogBuffer buffer;
        private final boolean timestamps;
        private final int labelWidth;
        private final boolean prefixed;
        private long next;

        Printer(PrintWriter out, PrintWriter err, LogSession session, boolean timestamps) {
            this.out = out;
            this.err = err;
            this.buffer = session.buffer();
            this.timestamps = timestamps;
            this.prefixed = session.sources().size() > 1;
            this.labelWidth = session.sources().stream().map(LogSource::label).mapToInt(String::length).max().orElse(0);
        }

        void printNew() {
            long first = buffer.firstSeq();
            if (next < first) {
                err.println("envboard: " + (first - next) + " lines dropped: the output did not keep up");
                next = first;
            }
            long end = buffer.endSeq();
            for (; next < end; next++) {
                LogLine line = buffer.get(next);
                if (line != null) {
                    print(line);
                }
            }
            out.flush();
            err.flush();
        }

        void printSortedByTime() {
            List<LogLine> lines = new ArrayList<>();
            for (long seq = buffer.firstSeq(); seq < buffer.endSeq(); seq++) {
                LogLine line = buffer.get(seq);
                if (line != null) {
                    lines.add(line);
                }
            }
            lines.sort(Comparator.comparingLong(LogLine::timeNanos)); // stable: each source keeps its order
            lines.forEach(this::print);
            out.flush();
            err.flush();
        }

        private void print(LogLine line) {
            StringBuilder text = new StringBuilder(line.text().length() + labelWidth + 40);
            if (prefixed) {
                text.append(line.origin().label()).append(" ".repeat(labelWidth - line.origin().label().length())).append(" | ");
            }
            if (timestamps && line.hasTime()) {
                text.append(LogTimestamps.format(line.timeNanos())).append(' ');
            }
            text.append(line.text()).append('\n');
            (line.isMarker() ? err : out).print(text);
        }
    }
}
