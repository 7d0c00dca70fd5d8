package dev.envboard.deploy.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DotEnvFileTest {
    private static final Path FILE = Path.of("stacks/qa/.env");

    private static Map<String, String> values(DotEnvFile.Parsed parsed) {
        Map<String, String> values = new LinkedHashMap<>();
        parsed.entries().forEach(entry -> values.put(entry.key(), entry.value()));
        return values;
    }

    @Test
    void readsTheFormatComposeReads() {
        DotEnvFile.Parsed parsed = DotEnvFile.parse(FILE, """
                # a comment

                PLAIN=  trimmed value\s\s
                export EXPORTED=yes
                SINGLE='literal $HOME \\n # not a comment'
                DOUBLE="line one\\nline \\"two\\"" # a comment
                INLINE=value # comment
                HASH=a#b
                EMPTY=
                SPACED = around
                MULTI="first
                second"
                AFTER=multi
                """);

        assertThat(parsed.errors()).isEmpty();
        assertThat(values(parsed)).containsExactly(
                Map.entry("PLAIN", "trimmed value"),
                Map.entry("EXPORTED", "yes"),
                Map.entry("SINGLE", "literal $HOME \\n # not a comment"),
                Map.entry("DOUBLE", "line one\nline \"two\""),
                Map.entry("INLINE", "value"),
                Map.entry("HASH", "a#b"),
                Map.entry("EMPTY", ""),
                Map.entry("SPACED", "around"),
                Map.entry("MULTI", "first\nsecond"),
                Map.entry("AFTER", "multi"));
        assertThat(parsed.entries().get(9).line()).isEqualTo(13);
    }

    @Test
    void valuesAreNotInterpolated() {
        assertThat(values(DotEnvFile.parse(FILE, "A=1\nB=${A}\n"))).containsEntry("B", "${A}");
    }

    @Test
    void badLinesAreErrorsWithTheirLineAndTheRestIsStillRead() {
        DotEnvFile.Parsed parsed = DotEnvFile.parse(FILE, "A=1\nnot a variable\n2BAD=x\nQ=\"open\nB=2\n");

        assertThat(parsed.errors()).extracting(e -> e.line() + " " + e.file())
                .containsExactly("2 " + FILE, "3 " + FILE, "4 " + FILE);
        assertThat(parsed.errors()).allMatch(e -> e.isError());
        assertThat(values(parsed)).containsEntry("A", "1");
    }

    @Test
    void textAfterAClosingQuoteIsAnError() {
        DotEnvFile.Parsed parsed = DotEnvFile.parse(FILE, "A='x' y\n");

        assertThat(parsed.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("after the closing quote"));
    }

    @Test
    void windowsLineEndingsAreFine() {
        assertThat(values(DotEnvFile.parse(FILE, "A=1\r\nB=2\r\n"))).containsExactly(Map.entry("A", "1"), Map.entry("B", "2"));
    }
}
