package dev.envboard.pool.move;

import dev.envboard.docker.DockerClients;
import dev.envboard.docker.DockerErrors;
import dev.envboard.pool.EngineSpec;
import dev.envboard.pool.Host;
import dev.envboard.pool.PoolKind;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.Protection;
import dev.envboard.pool.audit.AuditEntry;
import dev.envboard.pool.audit.AuditLog;
import dev.envboard.pool.label.LabelChangeException;
import dev.envboard.pool.label.LabelWriterFactory;
import dev.envboard.runtime.OffFxThread;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Moves hosts between environments: first a plan with its impact (nothing changes), then one
 * verified label change per host, each written to the audit log. Blocking: run off the FX thread.
 */
public final class MoveService implements HostMover {
    private final DockerClients clients;
    private final LabelWriterFactory writers;
    private final AuditLog audit;
    private final Clock clock;
    private final String user;

    public MoveService(DockerClients clients, LabelWriterFactory writers, AuditLog audit, Clock clock, String user) {
        this.clients = clients;
        this.writers = writers;
        this.audit = audit;
        this.clock = clock;
        this.user = user;
    }

    /** What moving these hosts to {@code to} (null: unassigned) would change; changes nothing. */
    public MovePlan plan(PoolSpec pool, List<Host> hosts, String to) {
        return plan(pool, hosts.stream().map(h -> HostMove.of(h, to)).toList());
    }

    /** The same for moves with a target each (an undo sends every host back where it was). */
    @Override
    public MovePlan plan(PoolSpec pool, List<HostMove> requested) {
        OffFxThread.check("MoveService.plan");
        List<HostMove> moves = requested.stream().filter(HostMove::changesAnything).toList();
        if (moves.isEmpty()) {
            return new MovePlan(pool, moves, MoveImpact.none());
        }
        return new MovePlan(pool, moves, impact(pool, moves));
    }

    private MoveImpact impact(PoolSpec pool, List<HostMove> moves) {
        if (pool.kind() != PoolKind.STANDALONE) {
            try {
                return SwarmImpact.analyse(clients.quick(pool.manager()), pool, moves);
            } catch (RuntimeException e) {
                return MoveImpact.unknown("the manager did not answer: " + DockerErrors.describe(e));
            }
        }
        List<String> kept = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (HostMove move : moves) {
            try {
                EngineSpec engine = pool.engines().get(move.host().engineIndex());
                kept.addAll(StandaloneImpact.keptContainers(clients.quick(engine.endpoint()), move));
            } catch (RuntimeException e) {
                warnings.add("containers on " + move.host().displayName() + ": " + DockerErrors.describe(e));
            }
        }
        return new MoveImpact(List.of(), List.of(), List.of(), kept, warnings);
    }

    /**
     * Changes one host's label and returns once the engine shows it; audited either way.
     *
     * @return whether the audit entry was written: false means the label did change, but the
     *         audit log could not record it (that has been reported to the notices)
     */
    @Override
    public boolean move(PoolSpec pool, HostMove move, String confirmation) throws LabelChangeException {
        OffFxThread.check("MoveService.move");
        Instant start = clock.instant();
        Optional<String> unconfirmed = leaving(move).map(env -> Protection.refusal(pool, env, confirmation))
                .flatMap(Optional::stream).findFirst();
        if (unconfirmed.isPresent()) {
            record(pool, move, start, AuditEntry.REFUSED, unconfirmed.get());
            throw new MoveRefusedException(unconfirmed.get());
        }
        try {
            writers.writerFor(pool, move.host()).write(pool.labelKey(), move.to());
        } catch (LabelChangeException e) {
            record(pool, move, start, AuditEntry.FAILED, e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            String message = move.host().displayName() + ": " + DockerErrors.describe(e);
            record(pool, move, start, AuditEntry.FAILED, message);
            throw new LabelChangeException(message, e);
        }
        return record(pool, move, start, AuditEntry.OK, null);
    }

    /**
     * The environment the host leaves: the one the move was planned from, and the one the host
     * showed then if that differs (neither is a way around a protection).
     */
    private static Stream<String> leaving(HostMove move) {
        return Stream.of(move.from(), move.host().environment()).filter(Objects::nonNull).distinct()
                .filter(env -> !env.equals(move.to()));
    }

    private boolean record(PoolSpec pool, HostMove move, Instant start, String result, String error) {
        Instant end = clock.instant();
        return audit.append(new AuditEntry(end, user, pool.name(), move.host().hostname(), move.host().key().entry(), move.from(), move.to(),
                result, error, Duration.between(start, end).toMillis()));
    }
}
