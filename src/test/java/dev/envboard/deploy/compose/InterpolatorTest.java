package dev.envboard.deploy.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InterpolatorTest {
    private final Interpolator interpolator = new Interpolator(Map.of("SET", "value", "EMPTY", "", "OTHER", "other"));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "$SET/x           | value/x",
            "${SET}x          | valuex",
            "${SET:-d}        | value",
            "${EMPTY:-d}      | d",
            "${UNSET:-d}      | d",
            "${SET-d}         | value",
            "${EMPTY-d}       | ''",
            "${UNSET-d}       | d",
            "${SET:?need it}  | value",
            "${EMPTY?need it} | ''",
            "${SET:+alt}      | alt",
            "${EMPTY:+alt}    | ''",
            "${EMPTY+alt}     | alt",
            "${UNSET+alt}     | ''",
            "$$SET costs $$5  | $SET costs $5",
            "${UNSET:-${OTHER}-x} | other-x",
            "${UNSET:-${ALSO_UNSET:-deep}} | deep",
            "a${UNSET:-{x}}b  | a{x}b",
            "no variables     | no variables",
    })
    void expandsEveryForm(String text, String expected) throws Interpolator.Failure {
        Interpolator.Result result = interpolator.interpolate(text);

        assertThat(result.value()).isEqualTo(expected);
        assertThat(result.unset()).isEmpty();
    }

    @Test
    void unsetVariablesBecomeEmptyAndAreNamed() throws Interpolator.Failure {
        Interpolator.Result result = interpolator.interpolate("$UNSET-${ALSO}-${UNSET}");

        assertThat(result.value()).isEqualTo("--");
        assertThat(result.unset()).containsExactly("UNSET", "ALSO");
    }

    @Test
    void anUnusedDefaultIsNotEvaluated() throws Interpolator.Failure {
        Interpolator.Result result = interpolator.interpolate("${SET:-${UNSET:?not needed}}");

        assertThat(result.value()).isEqualTo("value");
        assertThat(result.unset()).isEmpty();
    }

    @Test
    void requiredVariablesFailWithTheirMessage() {
        assertThatThrownBy(() -> interpolator.interpolate("${UNSET:?set the tag in .env}"))
                .hasMessage("required variable UNSET is missing a value: set the tag in .env");
        assertThatThrownBy(() -> interpolator.interpolate("${EMPTY:?}"))
                .hasMessage("required variable EMPTY is missing a value");
        assertThatThrownBy(() -> interpolator.interpolate("${UNSET?}"))
                .hasMessage("required variable UNSET is missing a value");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "x${VAR          | 2",
            "${}             | 1",
            "ab${1X}         | 3",
            "${VAR:x}        | 1",
            "cost: 5$        | 8",
            "echo $1         | 6",
            "${UNSET:-${}}   | 10",
    })
    void malformedExpressionsNameTheirPosition(String text, int position) {
        assertThatThrownBy(() -> interpolator.interpolate(text)).isInstanceOf(Interpolator.Failure.class)
                .hasMessageContaining("at character " + position)
                .hasMessageContaining("$$");
    }

    @Test
    void theProcessEnvironmentIsNeverRead() throws Interpolator.Failure {
        assertThat(System.getenv("PATH")).isNotNull();

        assertThat(interpolator.interpolate("${PATH}").unset()).isEqualTo(List.of("PATH"));
    }
}
