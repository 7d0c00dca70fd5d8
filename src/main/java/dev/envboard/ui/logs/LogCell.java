package dev.envboard.ui.logs;

import dev.envboard.logs.LogLine;
import dev.envboard.logs.ansi.AnsiColor;
import dev.envboard.logs.ansi.AnsiParser;
import dev.envboard.logs.ansi.StyledRun;
import dev.envboard.logs.ansi.TextStyle;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * One log line: source prefix (merged logs), optional time, then the text with its ANSI colours as
 * styled runs and the search term highlighted. Built only for the rows on screen.
 */
final class LogCell extends ListCell<LogLine> {
    /** Beyond this a line is cut on screen (it stays whole in the buffer, for copy and save). */
    static final int SHOWN_CHARS = 20_000;

    private final TextFlow flow = new TextFlow();
    private final IntSupplier prefixWidth;
    private final BooleanSupplier showTimes;
    private final Supplier<String> search;

    /** @param prefixWidth characters the source label is padded to; 0 shows no label (one source) */
    LogCell(IntSupplier prefixWidth, BooleanSupplier showTimes, Supplier<String> search) {
        this.prefixWidth = prefixWidth;
        this.showTimes = showTimes;
        this.search = search;
        getStyleClass().add("log-cell");
        flow.getStyleClass().add("log-flow");
    }

    @Override
    protected void updateItem(LogLine line, boolean empty) {
        super.updateItem(line, empty);
        setText(null);
        if (empty || line == null) {
            setGraphic(null);
            return;
        }
        flow.getChildren().clear();
        String label = LogsViewModel.prefix(line, prefixWidth.getAsInt());
        if (!label.isEmpty()) {
            Text prefix = new Text(label);
            prefix.getStyleClass().addAll("log-prefix", "log-source-" + Math.floorMod(line.origin().colourIndex(), 8));
            flow.getChildren().add(prefix);
        }
        if (showTimes.getAsBoolean() && line.hasTime()) {
            Text time = new Text(LogsViewModel.TIME.format(line.time()) + " ");
            time.getStyleClass().add("log-time");
            flow.getChildren().add(time);
        }
        if (line.isMarker()) {
            Text marker = new Text(line.text());
            marker.getStyleClass().add("log-marker");
            flow.getChildren().add(marker);
        } else {
            String text = line.text();
            String cut = null;
            if (text.length() > SHOWN_CHARS) {
                cut = " … (" + (text.length() - SHOWN_CHARS) + " more characters: copy or save the line to get it whole)";
                text = text.substring(0, SHOWN_CHARS);
            }
            for (StyledRun run : AnsiParser.parse(text)) {
                addRun(run);
            }
            if (cut != null) {
                Text more = new Text(cut);
                more.getStyleClass().add("log-marker");
                flow.getChildren().add(more);
            }
        }
        pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("stderr"), line.kind() == dev.envboard.logs.LineKind.STDERR);
        setGraphic(flow);
    }

    /** A run, split where the search term occurs so the hits can be highlighted. */
    private void addRun(StyledRun run) {
        String term = search.get();
        String text = run.text();
        if (term == null || term.isEmpty()) {
            flow.getChildren().add(styled(text, run.style()));
            return;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        String needle = term.toLowerCase(Locale.ROOT);
        int from = 0;
        int at;
        while ((at = lower.indexOf(needle, from)) >= 0) {
            if (at > from) {
                flow.getChildren().add(styled(text.substring(from, at), run.style()));
            }
            Label hit = new Label(text.substring(at, at + needle.length()));
            hit.getStyleClass().add("search-hit");
            flow.getChildren().add(hit);
            from = at + needle.length();
        }
        if (from < text.length()) {
            flow.getChildren().add(styled(text.substring(from), run.style()));
        }
    }

    private static Node styled(String text, TextStyle style) {
        Text node = new Text(text);
        node.getStyleClass().add("log-text");
        AnsiColor foreground = style.inverse() ? style.background() : style.foreground();
        if (foreground.isDefault()) {
            node.getStyleClass().add("ansi-default");
        } else {
            // Any of 16 million colours: a value, not a style class (the stylesheet sets no fill here).
            node.setFill(Color.rgb((foreground.toRgb() >> 16) & 0xff, (foreground.toRgb() >> 8) & 0xff, foreground.toRgb() & 0xff));
        }
        if (style.bold()) {
            node.getStyleClass().add("ansi-bold");
        }
        if (style.italic()) {
            node.getStyleClass().add("ansi-italic");
        }
        if (style.dim()) {
            node.getStyleClass().add("ansi-dim");
        }
        node.setUnderline(style.underline());
        node.setStrikethrough(style.strikethrough());
        return node;
    }
}
