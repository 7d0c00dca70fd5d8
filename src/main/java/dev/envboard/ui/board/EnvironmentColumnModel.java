package dev.envboard.ui.board;

import dev.envboard.pool.Host;
import dev.envboard.pool.HostState;
import dev.envboard.ui.deploys.DeployBadge;
import java.util.List;

/**
 * One column of the board: an environment (or the unassigned hosts) and its host cards.
 *
 * @param watched     whether the user watches it (notifications of its deploys and health)
 * @param environment the label value, or null for the "Unassigned" column
 * @param deploy      the environment's deploy state (running, or how the last one ended)
 * @param health      its service instances by Consul status; null when the pool names no Consul
 * @param updates     whether its tags name newer digests than run; null when not checked
 * @param protectedEnvironment whether pools.yaml protects it: a redeploy or a host leaving it needs its name typed
 */
public record EnvironmentColumnModel(String environment, List<CardModel> cards, DeployBadge deploy, ColumnHealth health,
                                     ColumnUpdates updates, boolean protectedEnvironment, boolean watched) {

    public EnvironmentColumnModel {
        cards = List.copyOf(cards);
    }

    public EnvironmentColumnModel(String environment, List<CardModel> cards, DeployBadge deploy, ColumnHealth health,
                                  ColumnUpdates updates) {
        this(environment, cards, deploy, health, updates, false, false);
    }

    public EnvironmentColumnModel(String environment, List<CardModel> cards, DeployBadge deploy, ColumnHealth health) {
        this(environment, cards, deploy, health, null, false, false);
    }

    public boolean isUnassigned() {
        return environment == null;
    }

    public String title() {
        return environment == null ? "Unassigned" : environment;
    }

    public List<Host> hosts() {
        return cards.stream().map(CardModel::host).toList();
    }

    public int running() {
        return cards.stream().mapToInt(c -> c.host().running()).sum();
    }

    /** e.g. "2 ready · 1 unreachable"; an environment without hosts says "empty". */
    public String summary() {
        if (cards.isEmpty()) {
            return "empty";
        }
        StringBuilder text = new StringBuilder();
        for (HostState state : HostState.values()) {
            long n = cards.stream().filter(c -> c.host().state() == state).count();
            if (n > 0) {
                text.append(text.length() == 0 ? "" : " · ").append(n).append(' ').append(state.label());
            }
        }
        return text.toString();
    }
}
