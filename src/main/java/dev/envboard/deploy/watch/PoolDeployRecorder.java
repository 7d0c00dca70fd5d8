package dev.envboard.deploy.watch;

import dev.envboard.deploy.DeployListener;
import dev.envboard.deploy.DeployObserver;
import dev.envboard.deploy.DeployStart;
import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.docker.DockerClients;
import dev.envboard.docker.DockerErrors;
import dev.envboard.pool.EngineSpec;
import dev.envboard.pool.Host;
import dev.envboard.pool.PoolKind;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.records.PoolRecord;
import dev.envboard.pool.records.PoolRecords;
import dev.envboard.pool.records.RecordException;
import dev.envboard.runtime.Notices;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each redeploy in the pool, so that any Envboard and any CI job's CLI run sees it: a record
 * "running" when it starts, its next revision when it ends. A Swarm keeps it as a config; a
 * standalone pool on every host of the environment (every engine of the pool when the run never
 * got to know them). At most {@value #KEPT} records per environment stay: older ones are removed.
 *
 * <p>A record that cannot be written never fails the deploy: it is said to the run's listener and
 * as a notice (the local history still has the run).
 */
public final class PoolDeployRecorder implements DeployObserver {
    /** The newest deploys kept per environment in the pool. */
    public static final int KEPT = 20;

    private final PoolRecords records;
    private final DockerClients clients;
    private final Notices notices;
    private final int kept;
    /** Where each running deploy's record was written, so its end goes to the same hosts. */
    private final Map<String, List<EngineSpec>> placesOfRunning = new ConcurrentHashMap<>();

    public PoolDeployRecorder(PoolRecords records, DockerClients clients, Notices notices) {
        this(records, clients, notices, KEPT);
    }

    PoolDeployRecorder(PoolRecords records, DockerClients clients, Notices notices, int kept) {
        this.records = records;
        this.clients = clients;
        this.notices = notices;
        this.kept = kept;
    }

    @Override
    public void started(DeployStart start, DeployListener listener) {
        List<EngineSpec> on = enginesOf(start.pool(), start.hosts());
        placesOfRunning.put(start.id(), on);
        write(start.pool(), on, start.environment(), start.id(), DeployFields.started(start), listener);
    }

    @Override
    public void finished(PoolSpec pool, DeployRecord record, DeployListener listener) {
        List<EngineSpec> on = Optional.ofNullable(placesOfRunning.remove(record.id())).orElse(pool.engines());
        if (write(pool, on, record.environment(), record.id(), DeployFields.ended(record), listener)) {
            prune(pool, record.environment(), listener);
        }
    }

    private static List<EngineSpec> enginesOf(PoolSpec pool, List<Host> hosts) {
        if (pool.kind() == PoolKind.SWARM) {
            return List.of();
        }
        List<EngineSpec> engines = hosts.stream().filter(h -> h.engineIndex() >= 0 && h.engineIndex() < pool.engines().size())
                .map(h -> pool.engines().get(h.engineIndex())).toList();
        return engines.isEmpty() ? pool.engines() : engines;
    }

    /** @return whether the record is in the pool */
    private boolean write(PoolSpec pool, List<EngineSpec> on, String environment, String id, Map<String, String> fields,
                          DeployListener listener) {
        try {
            records.put(pool, on, DeployFields.KIND, environment, id, fields);
            return true;
        } catch (RecordException | RuntimeException first) {
            // A standalone host that died mid-deploy must not keep the others from holding the record.
            List<EngineSpec> answering = answering(pool, on);
            if (!answering.isEmpty() && answering.size() < on.size()) {
                try {
                    records.put(pool, answering, DeployFields.KIND, environment, id, fields);
                    return true;
                } catch (RecordException | RuntimeException second) {
                    first.addSuppressed(second);
                }
            }
            notShared("the record of deploy " + id + " of " + environment + " could not be written to pool " + pool.name()
                    + " (" + describe(first) + "); other Envboards do not see it, this machine's history has it", listener);
            return false;
        }
    }

    private List<EngineSpec> answering(PoolSpec pool, List<EngineSpec> on) {
        if (pool.kind() == PoolKind.SWARM) {
            return List.of();
        }
        List<EngineSpec> alive = new ArrayList<>();
        for (EngineSpec engine : on) {
            try {
                clients.quick(engine.endpoint()).pingCmd().exec();
                alive.add(engine);
            } catch (RuntimeException down) {
                continue; // left out: the record goes to the others
            }
        }
        return alive;
    }

    /** Keeps the newest {@link #kept} deploy records of the environment. */
    private void prune(PoolSpec pool, String environment, DeployListener listener) {
        List<String> left = new ArrayList<>();
        for (String id : beyondBound(records.list(pool, DeployFields.KIND).records(), environment, kept)) {
            left.addAll(records.remove(pool, DeployFields.KIND, environment, id));
        }
        if (!left.isEmpty()) {
            notShared("older deploy records of " + environment + " could not be removed from pool " + pool.name() + ": "
                    + String.join("; ", left), listener);
        }
    }

    /**
     * The deploy ids of the environment past the {@code kept} newest by their start (ties: the
     * higher id stays). A record whose start cannot be read counts as the oldest.
     */
    static List<String> beyondBound(List<PoolRecord> deployRecords, String environment, int kept) {
        List<PoolRecord> ofEnvironment = deployRecords.stream()
                .filter(r -> r.subject().equals(environment))
                .sorted(Comparator.comparing(PoolDeployRecorder::startedOf).thenComparing(PoolRecord::id).reversed())
                .toList();
        return ofEnvironment.subList(Math.min(kept, ofEnvironment.size()), ofEnvironment.size()).stream()
                .map(PoolRecord::id).toList();
    }

    private static Instant startedOf(PoolRecord record) {
        try {
            return Instant.parse(record.field(DeployFields.STARTED));
        } catch (RuntimeException unreadable) {
            return Instant.EPOCH;
        }
    }

    private void notShared(String text, DeployListener listener) {
        listener.message(text);
        notices.report(Notices.Kind.NOT_SHARED, text);
    }

    private static String describe(Exception e) {
        return e instanceof RecordException ? e.getMessage() : DockerErrors.describe(e);
    }
}
