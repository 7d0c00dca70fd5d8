package dev.envboard.ui.board;

import dev.envboard.pool.Host;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The board's search: which hosts match the typed text, and which match Enter/F3 went to last.
 * A host matches when every word of the query is found (ignoring case) in its display name, its
 * address, or one of its labels ("key=value"). FX thread only.
 */
final class BoardSearch {
    private String query = "";
    private String[] words = new String[0];
    /** The card id Enter/F3 went to last; null before the first. */
    private String current;

    void setQuery(String text) {
        String next = text == null ? "" : text.strip();
        if (!next.equals(query)) {
            query = next;
            words = next.isEmpty() ? new String[0] : next.toLowerCase(Locale.ROOT).split("\\s+");
            current = null;
        }
    }

    String query() {
        return query;
    }

    boolean isActive() {
        return words.length > 0;
    }

    boolean matches(Host host) {
        if (!isActive()) {
            return false;
        }
        for (String word : words) {
            if (!contains(host.displayName(), word) && !contains(host.address(), word) && !inLabels(host.labels(), word)) {
                return false;
            }
        }
        return true;
    }

    CardModel.SearchMark mark(Host host) {
        if (!isActive()) {
            return CardModel.SearchMark.NONE;
        }
        if (!matches(host)) {
            return CardModel.SearchMark.OTHER;
        }
        return host.key().asText().equals(current) ? CardModel.SearchMark.CURRENT : CardModel.SearchMark.MATCH;
    }

    /**
     * Goes to the match after the current one in board order (columns left to right, cards top
     * down), wrapping around; empty when nothing matches.
     */
    Optional<CardModel> next(List<EnvironmentColumnModel> columns, int step) {
        List<CardModel> matches = columns.stream().flatMap(c -> c.cards().stream()).filter(c -> matches(c.host())).toList();
        if (matches.isEmpty()) {
            current = null;
            return Optional.empty();
        }
        int at = -1;
        for (int i = 0; i < matches.size(); i++) {
            if (matches.get(i).id().equals(current)) {
                at = i;
                break;
            }
        }
        int next = at < 0 ? (step >= 0 ? 0 : matches.size() - 1) : Math.floorMod(at + step, matches.size());
        current = matches.get(next).id();
        return Optional.of(matches.get(next));
    }

    void clear() {
        setQuery("");
    }

    private static boolean contains(String text, String word) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(word);
    }

    private static boolean inLabels(Map<String, String> labels, String word) {
        return labels.entrySet().stream().anyMatch(e -> contains(e.getKey() + "=" + e.getValue(), word));
    }
}
