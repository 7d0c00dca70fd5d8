package dev.envboard.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where one timed run of a side spends its time, phase by phase; and the medians over the timed runs. */
final class PhaseClock {
    private final Map<String, Long> run = new LinkedHashMap<>();
    private final Map<String, Samples> timed = new LinkedHashMap<>();
    private long last;

    /** A new run starts now. */
    void start() {
        run.clear();
        last = System.nanoTime();
    }

    /** The time since the last mark (or the start) goes to {@code phase}. */
    void mark(String phase) {
        long now = System.nanoTime();
        add(phase, now - last);
        last = now;
    }

    /** A phase timed elsewhere (e.g. a step Envboard reports with its duration). */
    void add(String phase, long nanos) {
        run.merge(phase, nanos, Long::sum);
    }

    /** Ends the run: a timed one counts towards the medians. */
    void finish(boolean counts) {
        if (counts) {
            run.forEach((phase, nanos) -> timed.computeIfAbsent(phase, k -> new Samples()).add(nanos));
        }
    }

    /** This run's phases, e.g. {@code 742 ms: label 512, wait labels 230}. */
    String describeRun() {
        long total = run.values().stream().mapToLong(Long::longValue).sum();
        return Samples.ms(total / 1_000_000.0) + " ms: "
                + describe(run.entrySet().stream().map(e -> e.getKey() + " " + Samples.ms(e.getValue() / 1_000_000.0)).toList());
    }

    /** Each phase's median over the timed runs. */
    String describeMedians() {
        return describe(timed.entrySet().stream().map(e -> e.getKey() + " " + Samples.ms(e.getValue().median())).toList());
    }

    private static String describe(List<String> parts) {
        return parts.isEmpty() ? "(none)" : String.join(", ", parts);
    }
}
