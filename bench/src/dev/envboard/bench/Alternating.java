package dev.envboard.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the sides of a benchmark (Envboard, the docker CLI, the floor) in turn, round after round,
 * so all see the same machine state and load. Which side goes first rotates each round
 * (envboard/cli/floor, then cli/floor/envboard, then floor/envboard/cli), so none always runs on a
 * machine the others have just warmed or dirtied.
 */
final class Alternating {
    static final String ENVBOARD = "envboard";
    static final String CLI = "docker-cli";
    static final String FLOOR = "floor";

    /** One timed run of one side; {@code i} counts rounds from 0 (e.g. to alternate targets). */
    @FunctionalInterface
    interface Run {
        void run(int i) throws Exception;
    }

    /**
     * @param untimedAfter run after each of its timed runs, outside the timing (e.g. a teardown that
     *                     puts the engines back as every run starts); null for none
     */
    record Side(String name, Run run, Run untimedAfter) {
        Side(String name, Run run) {
            this(name, run, null);
        }
    }

    /** Each side's timings, by name, in the order the sides were given. */
    record Result(Map<String, Samples> samples) {
        Samples envboard() {
            return side(ENVBOARD);
        }

        Samples cli() {
            return side(CLI);
        }

        Samples floor() {
            return side(FLOOR);
        }

        Samples side(String name) {
            Samples s = samples.get(name);
            if (s == null) {
                throw new IllegalArgumentException("no side " + name + " in " + samples.keySet());
            }
            return s;
        }

        /** Envboard's median over the CLI's. */
        double ratio() {
            return envboard().median() / cli().median();
        }

        /** Envboard's median over the floor's: Envboard's own overhead on the same API calls. */
        double floorRatio() {
            return envboard().median() / floor().median();
        }

        /** e.g. {@code envboard=28 ms docker-cli=99 ms floor=20 ms ratio=0.29 floor-ratio=1.40} */
        String summary() {
            return summary(CLI);
        }

        /** The same, the plain tool's side printed as {@code cliLabel} (curl, not the docker CLI, for Consul). */
        String summary(String cliLabel) {
            return ENVBOARD + "=" + Samples.ms(envboard().median()) + " ms " + cliLabel + "=" + Samples.ms(cli().median()) + " ms "
                    + FLOOR + "=" + Samples.ms(floor().median()) + " ms ratio=" + Samples.ratio(ratio())
                    + " floor-ratio=" + Samples.ratio(floorRatio());
        }

        /** Each side's p90, for the lines above the result. */
        String p90s() {
            List<String> parts = new ArrayList<>();
            samples.forEach((name, s) -> parts.add(name + " p90=" + Samples.ms(s.percentile(90)) + " ms"));
            return String.join(", ", parts);
        }
    }

    private Alternating() {
    }

    static Result measure(int warmup, int runs, Run envboard, Run cli, Run floor) throws Exception {
        return measure(warmup, runs, List.of(new Side(ENVBOARD, envboard), new Side(CLI, cli), new Side(FLOOR, floor)));
    }

    static Result measure(int warmup, int runs, List<Side> sides) throws Exception {
        if (CallTrace.enabled()) { // one round per order is enough to see the calls
            warmup = 0;
            runs = Math.min(runs, sides.size());
        }
        CallTrace.phase();
        Map<String, Samples> samples = new LinkedHashMap<>();
        sides.forEach(side -> samples.put(side.name(), new Samples()));
        for (int i = 0; i < warmup + runs; i++) {
            for (int k = 0; k < sides.size(); k++) {
                Side side = sides.get((i + k) % sides.size());
                CallTrace.side(side.name(), i);
                long start = System.nanoTime();
                side.run().run(i);
                long nanos = System.nanoTime() - start;
                if (i >= warmup) {
                    samples.get(side.name()).add(nanos);
                }
                if (side.untimedAfter() != null) {
                    CallTrace.side(null, -1); // set-up work, not the side's
                    side.untimedAfter().run(i);
                }
            }
        }
        CallTrace.side(null, -1);
        return new Result(samples);
    }

    /** Says how the sides took turns, for the benchmark's output. */
    static String order(List<String> names) {
        List<String> rounds = new ArrayList<>();
        for (int r = 0; r < names.size(); r++) {
            List<String> round = new ArrayList<>();
            for (int k = 0; k < names.size(); k++) {
                round.add(names.get((r + k) % names.size()));
            }
            rounds.add(String.join("/", round));
        }
        return "sides alternate, the first rotating each round (" + String.join(", ", rounds) + ", ...)";
    }

    static String order() {
        return order(List.of(ENVBOARD, CLI, FLOOR));
    }
}
