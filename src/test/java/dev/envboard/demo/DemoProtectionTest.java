package dev.envboard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.deploy.CancelToken;
import dev.envboard.pool.LabelScope;
import dev.envboard.pool.PoolKind;
import dev.envboard.pool.PoolSpec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The teardown of a protected demo is refused before it reads or touches anything, unless its name was typed. */
class DemoProtectionTest {
    private static final PoolSpec POOL = new PoolSpec("lab", PoolKind.STANDALONE, "environment", LabelScope.ENGINE, null,
            List.of(), null, "test", null, null, Set.of("demo-acme"));

    @Test
    void aProtectedDemoIsNotTornDownWithoutItsTypedName() {
        // No inspector, mover, removal or records: any use of them would fail this test.
        DemoTeardown teardown = new DemoTeardown(null, null, null, null);

        for (String typed : new String[] {null, "demo-acm", "DEMO-ACME"}) {
            TeardownResult result = teardown.run(POOL, "demo-acme", false, typed, DemoListener.NONE, new CancelToken());
            assertThat(result.outcome()).as(String.valueOf(typed)).isEqualTo(TeardownResult.Outcome.REFUSED);
            assertThat(result.message()).isEqualTo("demo-acme is protected: type its name to confirm (--confirm demo-acme); nothing was removed");
        }
    }
}
