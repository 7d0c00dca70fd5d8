package dev.envboard.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class StartGateTest {
    private final List<String> ran = new ArrayList<>();
    private final Executor direct = Runnable::run;

    @Test
    void workWaitsUntilOpenThenRunsInOrderAndLaterWorkPassesStraightThrough() {
        StartGate gate = new StartGate();
        Executor later = gate.holding(direct);
        later.execute(() -> ran.add("health"));
        later.execute(() -> ran.add("deploys"));
        assertThat(ran).isEmpty();

        gate.open();
        assertThat(ran).containsExactly("health", "deploys");
        later.execute(() -> ran.add("demos"));
        assertThat(ran).containsExactly("health", "deploys", "demos");

        gate.open();
        assertThat(ran).hasSize(3);
        assertThat(gate.isOpen()).isTrue();
    }

    @Test
    void pastTheBoundWorkRunsAtOnceInsteadOfPilingUp() {
        StartGate gate = new StartGate();
        Executor later = gate.holding(direct);
        for (int i = 0; i < StartGate.MAX_HELD; i++) {
            later.execute(() -> ran.add("held"));
        }
        later.execute(() -> ran.add("over"));
        assertThat(ran).containsExactly("over");
        gate.open();
        assertThat(ran).hasSize(StartGate.MAX_HELD + 1);
    }
}
