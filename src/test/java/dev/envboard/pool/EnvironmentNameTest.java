package dev.envboard.pool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnvironmentNameTest {
    @Test
    void validNamesPassAndOthersSayWhy() {
        assertThat(EnvironmentName.problem("qa")).isEmpty();
        assertThat(EnvironmentName.problem("demo-2.eu_west")).isEmpty();
        assertThat(EnvironmentName.problem("a")).isEmpty();
        assertThat(EnvironmentName.problem("")).contains("give the environment a name");
        assertThat(EnvironmentName.problem("x".repeat(63))).isEmpty();
        for (String bad : new String[] {"QA", "-qa", "qa-", "has space", "env=qa", "x".repeat(64)}) {
            assertThat(EnvironmentName.problem(bad)).as(bad).contains("use lower-case letters, digits, '.', '_' or '-'"
                    + " (at most 63, starting and ending with a letter or digit), not \"" + bad + "\"");
        }
    }
}
