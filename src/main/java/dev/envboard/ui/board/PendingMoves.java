package dev.envboard.ui.board;

import dev.envboard.pool.Host;
import dev.envboard.pool.HostKey;
import dev.envboard.pool.move.HostMove;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Moves under way and the last failures, per host: what the cards show between a confirmation
 * and the snapshot that has the host in its new column. Touched on the FX thread only.
 */
final class PendingMoves {
    /** Target per moving host ("" = unassigned), until a snapshot shows it there. */
    private final Map<HostKey, String> moving = new HashMap<>();
    private final Set<HostKey> verified = new HashSet<>();
    private final Map<HostKey, String> errors = new HashMap<>();

    void started(HostMove move) {
        moving.put(move.host().key(), move.to() == null ? "" : move.to());
        verified.remove(move.host().key());
        errors.remove(move.host().key());
    }

    /** The engine shows the new label; the card moves once a snapshot does too. */
    void verified(HostMove move) {
        verified.add(move.host().key());
    }

    /** The card snaps back to where the host is, marked with the reason. */
    void failed(HostMove move, String reason) {
        moving.remove(move.host().key());
        verified.remove(move.host().key());
        errors.put(move.host().key(), reason);
    }

    boolean isMoving(Host host) {
        return moving.containsKey(host.key());
    }

    /** Moving and not verified yet: its outcome is still to come. */
    boolean isUnresolved(HostMove move) {
        return moving.containsKey(move.host().key()) && !verified.contains(move.host().key());
    }

    /** Where a host is being moved ("" = unassigned), or null. */
    String target(Host host) {
        return moving.get(host.key());
    }

    /** Why the host's last move failed, or null. */
    String error(Host host) {
        return errors.get(host.key());
    }

    /** Returns whether there was anything to clear. */
    boolean clearErrors() {
        boolean any = !errors.isEmpty();
        errors.clear();
        return any;
    }

    /** A verified move ends when a snapshot shows the host in its new environment. */
    void settle(List<Host> hosts) {
        for (Host host : hosts) {
            String target = moving.get(host.key());
            if (target != null && verified.contains(host.key())
                    && Objects.equals(target.isEmpty() ? null : target, host.environment())) {
                moving.remove(host.key());
                verified.remove(host.key());
            }
        }
    }
}
