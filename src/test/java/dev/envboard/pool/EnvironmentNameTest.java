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
        assertThat(EnvironmentName.problem("QA")).get().asString().contains("lower-case");
        assertThat(EnvironmentName.problem("-qa")).isPresent();
        assertThat(EnvironmentName.problem("qa-")).isPresent();
        assertThat(EnvironmentName.problem("has space")).isPresent();
        assertThat(EnvironmentName.problem("env=qa")).isPresent();
        assertThat(EnvironmentName.problem("x".repeat(63))).isEmpty();
        assertThat(EnvironmentName.problem("x".repeat(64))).isPresent();
    }
}
