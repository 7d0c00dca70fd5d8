package dev.envboard.ui.board;

import dev.envboard.pool.Host;

/**
 * A host card as shown: the host, whether it is selected, where it is being moved (while the
 * change is not verified yet), why the last move failed, and how the board's search marks it.
 *
 * @param movingTo target environment of a running move ("" = to unassigned), null when none
 * @param error    why the last move of this host failed, null when none
 * @param health   its health dot from Consul
 * @param search   whether the board's search matches it (NONE while nothing is searched)
 */
public record CardModel(Host host, boolean selected, String movingTo, String error, HostHealth health, SearchMark search) {

    /** How the board's search shows a card. */
    public enum SearchMark {
        /** No search: every card as usual. */
        NONE,
        /** It matches: highlighted. */
        MATCH,
        /** The match Enter/F3 went to last. */
        CURRENT,
        /** It does not match: dimmed. */
        OTHER
    }

    public CardModel {
        search = search == null ? SearchMark.NONE : search;
    }

    public CardModel(Host host, boolean selected, String movingTo, String error, HostHealth health) {
        this(host, selected, movingTo, error, health, SearchMark.NONE);
    }

    public boolean isMoving() {
        return movingTo != null;
    }

    public String id() {
        return host.key().asText();
    }
}
