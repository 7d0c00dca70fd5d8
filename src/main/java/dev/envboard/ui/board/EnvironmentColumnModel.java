package dev.envboard.ui.board;

import dev.envboard.pool.Host;
import dev.envboard.pool.HostState;
import java.util.List;

/**
 * One column of the board: an environment (or the unassigned hosts) and its hosts.
 *
 * @param environment the label value, or null for the "Unassigned" column
 */
public record EnvironmentColumnModel(String environment, List<Host> hosts) {

    public EnvironmentColumnModel {
        hosts = List.copyOf(hosts);
    }

    public boolean isUnassigned() {
        return environment == null;
    }

    public String title() {
        return environment == null ? "Unassigned" : environment;
    }

    public int running() {
        return hosts.stream().mapToInt(Host::running).sum();
    }

    /** e.g. "2 ready · 1 unreachable"; an empty environment says "empty". */
    public String summary() {
        if (hosts.isEmpty()) {
            return "empty";
        }
        StringBuilder text = new StringBuilder();
        for (HostState state : HostState.values()) {
            long n = hosts.stream().filter(h -> h.state() == state).count();
            if (n > 0) {
                text.append(text.length() == 0 ? "" : " · ").append(n).append(' ').append(state.label());
            }
        }
        return text.toString();
    }
}
