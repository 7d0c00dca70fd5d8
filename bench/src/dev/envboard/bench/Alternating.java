package dev.envboard.bench;

/** Runs Envboard's and the plain tool's side in turn, so both see the same machine state and load. */
final class Alternating {
    /** One timed run of one side; {@code i} counts runs from 0 (e.g. to alternate targets). */
    @FunctionalInterface
    interface Run {
        void run(int i) throws Exception;
    }

    record Result(Samples envboard, Samples cli) {
        double ratio() {
            return envboard.median() / cli.median();
        }
    }

    private Alternating() {
    }

    static Result measure(int warmup, int runs, Run envboard, Run cli) throws Exception {
        Samples envboardSamples = new Samples();
        Samples cliSamples = new Samples();
        for (int i = 0; i < warmup + runs; i++) {
            long start = System.nanoTime();
            envboard.run(i);
            long envboardNanos = System.nanoTime() - start;
            start = System.nanoTime();
            cli.run(i);
            long cliNanos = System.nanoTime() - start;
            if (i >= warmup) {
                envboardSamples.add(envboardNanos);
                cliSamples.add(cliNanos);
            }
        }
        return new Result(envboardSamples, cliSamples);
    }
}
