package dev.envboard.ui.board;

import dev.envboard.pool.Host;

/**
 * A host card as shown: the host, whether it is selected, where it is being moved (while the
 * change is not verified yet) and why the last move failed.
 *
 * @param movingTo target environment of a running move ("" = to unassigned), null when none
 * @param error    why the last move of this host failed, null when none
 * @param health   its health dot from Consul
 */
public record CardModel(Host host, boolean selected, String movingTo, String error, HostHealth health) {

    public boolean isMoving() {
        return movingTo != null;
    }

    public String id() {
        return host.key().asText();
    }
}
