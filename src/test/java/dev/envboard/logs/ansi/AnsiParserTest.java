package dev.envboard.logs.ansi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnsiParserTest {
    private static final String ESC = "\u001b";
    private static final TextStyle PLAIN = TextStyle.PLAIN;

    private static StyledRun run(String text, TextStyle style) {
        return new StyledRun(text, style);
    }

    @Test
    void plainTextIsOneRunAndEmptyTextNone() {
        assertThat(AnsiParser.parse("just text\twith a tab")).containsExactly(run("just text\twith a tab", PLAIN));
        assertThat(AnsiParser.parse("")).isEmpty();
    }

    @Test
    void basicAndBrightColoursThenReset() {
        List<StyledRun> runs = AnsiParser.parse(ESC + "[31mred" + ESC + "[0m plain " + ESC + "[92;104mbright" + ESC + "[m end");
        assertThat(runs).containsExactly(
                run("red", PLAIN.withForeground(AnsiColor.indexed(1))),
                run(" plain ", PLAIN),
                run("bright", PLAIN.withForeground(AnsiColor.indexed(10)).withBackground(AnsiColor.indexed(12))),
                run(" end", PLAIN));
    }

    @Test
    void attributesTurnOnAndOffOneByOne() {
        List<StyledRun> runs = AnsiParser.parse(ESC + "[1;3;4mall" + ESC + "[22mnot bold" + ESC + "[23;24mnone"
                + ESC + "[2mdim" + ESC + "[7;9mx" + ESC + "[27;29;22my");
        TextStyle all = PLAIN.withBold(true).withItalic(true).withUnderline(true);
        assertThat(runs).containsExactly(
                run("all", all),
                run("not bold", all.withBold(false)),
                run("none", PLAIN),
                run("dim", PLAIN.withDim(true)),
                run("x", PLAIN.withDim(true).withInverse(true).withStrikethrough(true)),
                run("y", PLAIN));
    }

    @Test
    void twoHundredFiftySixColoursAndTrueColour() {
        List<StyledRun> runs = AnsiParser.parse(ESC + "[38;5;208morange" + ESC + "[48;2;10;20;30mon navy"
                + ESC + "[38:2::1:2:3mcolon" + ESC + "[38:5:42mcolon 256" + ESC + "[39;49mdefaults");
        TextStyle orange = PLAIN.withForeground(AnsiColor.indexed(208));
        TextStyle onNavy = orange.withBackground(AnsiColor.rgb(10, 20, 30));
        assertThat(runs).containsExactly(
                run("orange", orange),
                run("on navy", onNavy),
                run("colon", onNavy.withForeground(AnsiColor.rgb(1, 2, 3))),
                run("colon 256", onNavy.withForeground(AnsiColor.indexed(42))),
                run("defaults", PLAIN));
        assertThat(runs.get(1).style().background().toRgb()).isEqualTo(0x0a141e);
        assertThat(AnsiColor.indexed(208).toRgb()).isEqualTo(0xff8700);
        assertThat(AnsiColor.indexed(244).toRgb()).isEqualTo(0x808080);
    }

    @Test
    void anExtendedColourDoesNotSwallowTheParametersAfterIt() {
        assertThat(AnsiParser.parse(ESC + "[38;5;1;1mx")).containsExactly(run("x", PLAIN.withForeground(AnsiColor.indexed(1)).withBold(true)));
        assertThat(AnsiParser.parse(ESC + "[48;2;1;2;3;4mx")).containsExactly(run("x", PLAIN.withBackground(AnsiColor.rgb(1, 2, 3)).withUnderline(true)));
    }

    @Test
    void otherEscapeSequencesAndControlCharactersAreDropped() {
        String text = ESC + "[2J" + ESC + "[1;1H" + "a" + ESC + "[?25l" + "b" + ESC + "]0;window title\u0007" + "c"
                + ESC + "]8;;http://x" + ESC + "\\" + "d" + ESC + "(B" + "e" + ESC + "7" + "f" + ESC + "[K"
                + "\rg\u0008\u0007" + ESC + "[>4;1m" + "h" + "\u009b1mi";
        List<StyledRun> runs = AnsiParser.parse(text);
        assertThat(runs).containsExactly(run("abcdefgh", PLAIN), run("i", PLAIN.withBold(true)));
        assertThat(AnsiParser.strip(text)).isEqualTo("abcdefghi");
    }

    // Each case starts with "a": CSV values are trimmed of control characters, ESC among them.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "cut off at the end           | a\u001b[31         | a",
        "a lone ESC at the end        | ab\u001b           | ab",
        "ESC [ alone                  | a\u001b[           | a",
        "a broken sequence            | a\u001b[3\u00e9b   | a\u00e9b",
        "an unterminated title        | a\u001b]0;title    | a",
        "38;5 without an index        | a\u001b[38;5mx      | ax",
        "an index beyond 255          | a\u001b[38;5;300mx  | ax",
        "a truecolour part beyond 255 | a\u001b[38;2;1;999;3mx | ax",
        "38;2 cut short               | a\u001b[38;2;1mx    | ax",
        "an unknown colour mode       | a\u001b[38;7mx      | ax",
        "a huge parameter             | a\u001b[99999999999999999999mx | ax",
        "an unknown SGR code          | a\u001b[5;6;8;53mx  | ax",
    })
    void malformedSequencesNeverShowAsGarbageNorThrow(String why, String text, String expected) {
        assertThat(AnsiParser.strip(text)).isEqualTo(expected);
        assertThat(AnsiParser.parse(text)).allSatisfy(r -> assertThat(r.style()).isEqualTo(PLAIN));
    }

    @Test
    void aStyleCanCarryOverFromTheLineBefore() {
        AnsiParser.Result first = AnsiParser.parse(ESC + "[33mstarts yellow", PLAIN);
        assertThat(first.endStyle()).isEqualTo(PLAIN.withForeground(AnsiColor.indexed(3)));
        AnsiParser.Result second = AnsiParser.parse("still yellow" + ESC + "[0m.", first.endStyle());
        assertThat(second.runs()).containsExactly(run("still yellow", first.endStyle()), run(".", PLAIN));
    }

    @Test
    void runsWithTheSameStyleAreMerged() {
        assertThat(AnsiParser.parse("a" + ESC + "[1m" + ESC + "[0mb" + ESC + "[31m" + ESC + "[39mc")).containsExactly(run("abc", PLAIN));
    }

    @Test
    void manyLinesParseQuickly() {
        String line = ESC + "[2m2024-05-01 12:00:00" + ESC + "[0m " + ESC + "[32mINFO" + ESC + "[0m request handled in "
                + ESC + "[1m12 ms" + ESC + "[0m";
        int runs = 0;
        for (int i = 0; i < 100_000; i++) {
            runs += AnsiParser.parse(line).size();
        }
        assertThat(runs).isEqualTo(500_000);
    }
}
