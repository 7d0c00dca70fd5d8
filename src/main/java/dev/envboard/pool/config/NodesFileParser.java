package dev.envboard.pool.config;

import dev.envboard.yaml.InputException;
import dev.envboard.yaml.InputProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classic Swarm {@code file://} discovery list: one {@code host:port} a line; blank lines
 * and {@code #} comments are skipped. Bad lines are reported by number; good ones are kept.
 */
public final class NodesFileParser {
    /** host (name, IPv4 or [IPv6]) then a port. */
    private static final Pattern ENTRY = Pattern.compile("^(\\[[0-9a-fA-F:.]+]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?):(\\d{1,5})$");

    public record Entry(String host, int port, int line) {
    }

    public record Result(List<Entry> entries, List<InputProblem> problems) {
    }

    public Result parse(Path file) throws InputException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException(InputProblem.error(file, 0, "", "no such file"));
        } catch (IOException e) {
            throw new InputException(InputProblem.error(file, 0, "", "cannot be read: " + e.getMessage()));
        }
        List<Entry> entries = new ArrayList<>();
        List<InputProblem> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = stripComment(lines.get(i)).trim();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = ENTRY.matcher(line);
            int port = m.matches() ? Integer.parseInt(m.group(3)) : -1;
            if (port < 1 || port > 65535) {
                problems.add(InputProblem.error(file, i + 1, "",
                        "expected host:port (e.g. 10.0.0.5:2376), got \"" + line + "\""));
                continue;
            }
            entries.add(new Entry(m.group(1), port, i + 1));
        }
        return new Result(entries, problems);
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }
}
