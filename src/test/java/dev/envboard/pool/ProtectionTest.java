package dev.envboard.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProtectionTest {
    private static PoolSpec pool(String... protectedEnvironments) {
        return new PoolSpec("lab", PoolKind.SWARM, "environment", LabelScope.NODE, null, List.of(), null, "test", null, null,
                Set.of(protectedEnvironments));
    }

    @Test
    void aProtectedEnvironmentGoesAheadOnlyWithItsExactName() {
        PoolSpec lab = pool("qa", "staging");
        assertThat(Protection.refusal(lab, "qa", "qa")).isEmpty();
        assertThat(Protection.allows(lab, "staging", "staging")).isTrue();
        for (String wrong : new String[] {null, "", "QA", " qa", "qa ", "staging", "q"}) {
            assertThat(Protection.allows(lab, "qa", wrong)).as(String.valueOf(wrong)).isFalse();
            assertThat(Protection.refusal(lab, "qa", wrong)).as(String.valueOf(wrong))
                    .contains("qa is protected: type its name to confirm (--confirm qa)");
        }
    }

    @Test
    void otherEnvironmentsAndUnassignedNeedNothingTyped() {
        PoolSpec lab = pool("qa");
        assertThat(Protection.refusal(lab, "dev", null)).isEmpty();
        assertThat(Protection.refusal(lab, "dev", "something else")).isEmpty();
        assertThat(Protection.refusal(lab, null, null)).as("unassigned").isEmpty();
        assertThat(Protection.refusal(pool(), "qa", null)).as("a pool that protects nothing").isEmpty();
    }

    @Test
    void thePromptNamesWhatToType() {
        assertThat(Protection.prompt("qa")).isEqualTo("Type qa to confirm");
    }
}
