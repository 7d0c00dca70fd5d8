package dev.envboard.ui.deploys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.deploy.DeployListener;
import dev.envboard.deploy.PullProgress;
import dev.envboard.ui.shell.TestPools;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** A live run's pulls as the Deploys view lists them: one row per host and image, coalesced and bounded. */
class PullRowsTest {
    private static final String IMAGE = "10.254.77.1:5000/envboard/demo@sha256:0123456789abcdef0123456789abcdef";
    private static final String OTHER = "10.254.77.1:5000/envboard/db@sha256:fedcba9876543210fedcba9876543210";

    private final DeployRunModel run = new DeployRunModel(TestPools.lab(), "qa", Instant.parse("2026-01-01T10:00:00Z"));

    /** Holds what is handed to the FX thread until the test runs it. */
    private static final class QueuedFx implements Executor {
        final Deque<Runnable> queue = new ArrayDeque<>();

        @Override
        public void execute(Runnable command) {
            queue.add(command);
        }

        void runAll() {
            while (!queue.isEmpty()) {
                queue.poll().run();
            }
        }
    }

    private static PullProgress pulling(String host, String image, int layers, long bytes) {
        return new PullProgress(host, image, layers, 3, bytes, 3_000_000, false, null);
    }

    @Test
    void eachHostAndImageShowsItsLastReportAndHowItEnded() {
        DeployListener listener = run.listener(Runnable::run);

        listener.pull(pulling("host-2", IMAGE, 0, 0));
        listener.pull(pulling("host-1", IMAGE, 1, 1_500_000));
        listener.pull(PullProgress.alreadyPresent("host-3", IMAGE));
        listener.pull(new PullProgress("host-2", IMAGE, 1, 3, 700_000, 3_000_000, true, "no basic auth credentials"));
        listener.pull(pulling("host-1", OTHER, 0, 250));

        assertThat(run.pulls()).extracting(p -> p.host() + " | " + PullText.shortImage(p.image()) + " | " + PullText.amount(p)
                + " | " + PullText.state(p)).containsExactly(
                "host-1 | db@fedcba987654 | 0/3 · 250 B / 3.00 MB | pulling",
                "host-1 | demo@0123456789ab | 1/3 · 1.50 / 3.00 MB | pulling",
                "host-2 | demo@0123456789ab | 1/3 · 700 kB / 3.00 MB | failed: no basic auth credentials",
                "host-3 | demo@0123456789ab |  | already present");
        assertThat(PullText.percent(run.pulls().get(1))).isEqualTo("50%");
        assertThat(run.pulls()).extracting(PullText::fraction).containsExactly(250 / 3_000_000.0, 0.5, 700_000 / 3_000_000.0, 1.0);

        listener.pull(new PullProgress("host-1", IMAGE, 3, 3, 3_000_000, 3_000_000, true, null));

        assertThat(run.pulls().get(1)).satisfies(done -> {
            assertThat(PullText.state(done)).isEqualTo("done");
            assertThat(PullText.fraction(done)).isEqualTo(1.0);
        });
        assertThat(run.pulls()).hasSize(4);
    }

    @Test
    void aFloodOfReportsQueuesOneUpdateOnTheFxThreadWithTheLastReportPerPull() {
        QueuedFx fx = new QueuedFx();
        DeployListener listener = run.listener(fx);

        for (int i = 1; i <= 10_000; i++) {
            listener.pull(pulling("host-" + (i % 3), IMAGE, i % 3, i));
        }

        assertThat(fx.queue).as("one update waits, however many reports came").hasSize(1);
        assertThat(run.pulls()).as("nothing touched off the FX thread").isEmpty();
        fx.runAll();
        assertThat(run.pulls()).extracting(p -> p.host() + " " + p.bytesDone())
                .containsExactly("host-0 9999", "host-1 10000", "host-2 9998");

        listener.pull(pulling("host-1", IMAGE, 3, 10_001));
        listener.pull(pulling("host-1", IMAGE, 3, 10_002));
        assertThat(fx.queue).as("after an update ran, the next reports queue one again").hasSize(1);
        fx.runAll();
        assertThat(run.pulls()).extracting(PullProgress::bytesDone).containsExactly(9999L, 10_002L, 9998L);
    }

    @Test
    void pullsBeyondTheBoundAreNotListedAndSaidSoOnce() {
        QueuedFx fx = new QueuedFx();
        DeployListener listener = run.listener(fx);

        for (int i = 0; i < PullRows.MAX_ROWS + 50; i++) {
            listener.pull(pulling(String.format("host-%04d", i), IMAGE, 0, i));
        }
        assertThat(fx.queue).hasSize(1);
        fx.runAll();
        for (int i = 0; i < PullRows.MAX_ROWS + 50; i++) {
            listener.pull(pulling(String.format("host-%04d", i), IMAGE, 1, i + 1));
        }
        fx.runAll();

        assertThat(run.pulls()).hasSize(PullRows.MAX_ROWS);
        assertThat(run.pulls().get(PullRows.MAX_ROWS - 1).host()).isEqualTo(String.format("host-%04d", PullRows.MAX_ROWS - 1));
        assertThat(run.pulls()).allSatisfy(p -> assertThat(p.layersDone()).as("the listed pulls still update").isEqualTo(1));
        assertThat(run.messages()).filteredOn(m -> m.contains("pulls")).containsExactly(
                "more than " + PullRows.MAX_ROWS + " pulls (host × image): only the first " + PullRows.MAX_ROWS + " are listed");
    }

    @Test
    void aPullWhoseLayersWereAllThereHasNoSizesAndOneThatJustStartedNoShare() {
        PullProgress layersThere = new PullProgress("host-1", IMAGE, 2, 2, 0, 0, true, null);
        PullProgress starting = new PullProgress("host-1", "reg:5000/envboard/demo:1", 0, 0, 0, 0, false, null);

        assertThat(PullText.bytes(layersThere)).isEqualTo("—");
        assertThat(PullText.fraction(layersThere)).isEqualTo(1.0);
        assertThat(PullText.amount(layersThere)).isEqualTo("2/2 · —");
        assertThat(PullText.amount(starting)).isEmpty();
        assertThat(PullText.percent(starting)).isEqualTo("starting");
        assertThat(PullText.fraction(starting)).as("indeterminate").isEqualTo(-1.0);
        assertThat(PullText.shortImage(starting.image())).isEqualTo("demo:1");
    }

    @Test
    void bytesReadInDecimalUnitsAsDockerPrintsThem() {
        assertThat(ByteSizes.human(0)).isEqualTo("0 B");
        assertThat(ByteSizes.human(999)).isEqualTo("999 B");
        assertThat(ByteSizes.human(1000)).isEqualTo("1.00 kB");
        assertThat(ByteSizes.human(12_345_678)).isEqualTo("12.3 MB");
        assertThat(ByteSizes.human(345_000_000)).isEqualTo("345 MB");
        assertThat(ByteSizes.human(1_500_000_000L)).isEqualTo("1.50 GB");
        assertThat(ByteSizes.ofTotal(12_345_678, 48_000_000)).isEqualTo("12.3 / 48.0 MB");
        assertThat(ByteSizes.ofTotal(700_000, 3_000_000)).isEqualTo("700 kB / 3.00 MB");
    }
}
