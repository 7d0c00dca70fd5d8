package dev.envboard.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envboard.pool.EnvironmentName;
import org.junit.jupiter.api.Test;

/** A demo's environment is named from its customer, within the rules of environment names. */
class DemoNamesTest {
    @Test
    void theCustomerBecomesALowerCaseSlug() {
        assertThat(DemoNames.environment("acme")).isEqualTo("demo-acme");
        assertThat(DemoNames.environment("Acme Corp.")).isEqualTo("demo-acme-corp");
        assertThat(DemoNames.environment("  Société Générale & Fils ")).isEqualTo("demo-societe-generale-fils");
        assertThat(DemoNames.environment("R2_D2")).isEqualTo("demo-r2-d2");
    }

    @Test
    void aLongNameIsCutToSixtyThreeCharactersAndStaysValid() {
        String name = DemoNames.environment("a".repeat(57) + " " + "b".repeat(20));
        assertThat(name).hasSizeLessThanOrEqualTo(63).startsWith("demo-aaa").doesNotEndWith("-");
        assertThat(EnvironmentName.problem(name)).isEmpty();
    }

    @Test
    void aCustomerWithoutALetterOrDigitIsRefused() {
        for (String bad : new String[] {"", "  ", "&&", null}) {
            assertThatThrownBy(() -> DemoNames.environment(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least one letter or digit");
        }
    }
}
