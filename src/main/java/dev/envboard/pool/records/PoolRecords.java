package dev.envboard.pool.records;

import dev.envboard.docker.DockerClients;
import dev.envboard.docker.DockerErrors;
import dev.envboard.pool.EngineSpec;
import dev.envboard.pool.PoolKind;
import dev.envboard.pool.PoolSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Small records kept in the pool itself (demos, deploy results), so that another Envboard, or a CI
 * job's CLI run with a state directory of its own, reads the same. A Swarm keeps them as config
 * objects; standalone engines as labelled volumes on the hosts the writer names (every host of the
 * environment, so one engine down does not hide them). A write is a new revision, then the older
 * revisions are removed: readers take the highest, so they never see half a change.
 *
 * <p>Blocking: engine calls; run off the FX thread.
 */
public final class PoolRecords {
    /** Two writers may pick the same next revision; the loser tries the one after. */
    private static final int WRITE_ATTEMPTS = 3;
    private static final Logger LOG = Logger.getLogger(PoolRecords.class.getName());

    private final DockerClients clients;

    public PoolRecords(DockerClients clients) {
        this.clients = clients;
    }

    /**
     * Writes the record's next revision and removes the older ones wherever they are.
     *
     * @param on for a standalone pool, the engines that keep a copy (at least one); ignored for a Swarm
     */
    public PoolRecord put(PoolSpec pool, List<EngineSpec> on, String kind, String subject, String id,
                          Map<String, String> fields) throws RecordException {
        RecordLabels.checkKind(kind);
        List<RecordPlace> targets = pool.kind() == PoolKind.SWARM ? places(pool) : engines(on);
        if (targets.isEmpty()) {
            throw new RecordException("no host to keep the " + kind + " record of " + subject + " on");
        }
        List<RecordPlace> everywhere = places(pool);
        long revision = newest(everywhere, kind, subject, id) + 1;
        for (int attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++, revision++) {
            String objectName = RecordLabels.objectName(kind, subject, id, revision);
            Map<String, String> labels = RecordLabels.labels(kind, subject, id, revision, fields);
            if (createOnAll(targets, objectName, labels, kind, subject)) {
                removeOlder(everywhere, kind, subject, id, revision);
                return new PoolRecord(kind, subject, id, revision, fields, targets.stream().map(RecordPlace::name).toList());
            }
        }
        throw new RecordException("the " + kind + " record of " + subject + " changed under us " + WRITE_ATTEMPTS
                + " times in a row (another Envboard is writing it); try again");
    }

    /** False when another writer holds this revision's name on the first place (nothing written then). */
    private static boolean createOnAll(List<RecordPlace> targets, String objectName, Map<String, String> labels,
                                       String kind, String subject) throws RecordException {
        boolean first = true;
        for (RecordPlace place : targets) {
            boolean created;
            try {
                created = place.create(objectName, labels);
            } catch (RuntimeException e) {
                throw new RecordException("could not write the " + kind + " record of " + subject + " on "
                        + place.name() + ": " + DockerErrors.describe(e));
            }
            if (!created && first) {
                return false;
            }
            if (!created) {
                throw new RecordException("the " + kind + " record of " + subject + " on " + place.name()
                        + " was written by someone else at the same time; try again");
            }
            first = false;
        }
        return true;
    }

    /** The newest revision of every record of the kind, from every place of the pool that answers. */
    public RecordListing list(PoolSpec pool, String kind) {
        RecordLabels.checkKind(kind);
        Map<String, String> unreachable = new LinkedHashMap<>();
        Map<List<String>, List<PoolRecord>> byKey = new LinkedHashMap<>();
        for (RecordPlace place : places(pool)) {
            try {
                for (RecordPlace.Stored stored : place.list(kind)) {
                    PoolRecord r = stored.record();
                    byKey.computeIfAbsent(List.of(r.subject(), r.id()), k -> new ArrayList<>()).add(r);
                }
            } catch (RuntimeException e) {
                unreachable.put(place.name(), DockerErrors.describe(e));
            }
        }
        List<PoolRecord> newest = byKey.values().stream().map(PoolRecords::newestOf)
                .sorted(Comparator.comparing(PoolRecord::subject).thenComparing(PoolRecord::id)).toList();
        return new RecordListing(newest, unreachable);
    }

    /** The highest revision, with every place that holds that same revision. */
    private static PoolRecord newestOf(List<PoolRecord> copies) {
        long top = copies.stream().mapToLong(PoolRecord::revision).max().orElseThrow();
        List<PoolRecord> tops = copies.stream().filter(r -> r.revision() == top).toList();
        PoolRecord first = tops.get(0);
        List<String> locations = tops.stream().flatMap(r -> r.locations().stream()).distinct().toList();
        return new PoolRecord(first.kind(), first.subject(), first.id(), top, first.fields(), locations);
    }

    /**
     * Removes every revision of the record from every place of the pool.
     *
     * @return what may be left, each named with its place and why; empty when it is gone everywhere
     */
    public List<String> remove(PoolSpec pool, String kind, String subject, String id) {
        RecordLabels.checkKind(kind);
        List<String> left = new ArrayList<>();
        for (RecordPlace place : places(pool)) {
            try {
                for (RecordPlace.Stored stored : place.list(kind)) {
                    if (stored.record().sameKey(kind, subject, id)) {
                        removeOrSay(place, stored, left);
                    }
                }
            } catch (RuntimeException e) {
                left.add("could not check " + place.name() + " for the " + kind + " record of " + subject + ": "
                        + DockerErrors.describe(e));
            }
        }
        return left;
    }

    private static void removeOrSay(RecordPlace place, RecordPlace.Stored stored, List<String> left) {
        try {
            place.remove(stored.handle());
        } catch (RuntimeException e) {
            left.add(stored.handle() + " on " + place.name() + ": " + DockerErrors.describe(e));
        }
    }

    private long newest(List<RecordPlace> places, String kind, String subject, String id) throws RecordException {
        long newest = 0;
        for (RecordPlace place : places) {
            try {
                for (RecordPlace.Stored stored : place.list(kind)) {
                    if (stored.record().sameKey(kind, subject, id)) {
                        newest = Math.max(newest, stored.record().revision());
                    }
                }
            } catch (RuntimeException e) {
                // A place that does not answer may hold a newer revision; the write goes on (it is
                // numbered past every revision we can see) and readers take the highest.
                LOG.fine(() -> place.name() + " did not answer while numbering a record: " + DockerErrors.describe(e));
            }
        }
        return newest;
    }

    /** Older revisions go wherever they are; one that stays (an engine down) loses to the new one anyway. */
    private static void removeOlder(List<RecordPlace> places, String kind, String subject, String id, long revision) {
        for (RecordPlace place : places) {
            try {
                for (RecordPlace.Stored stored : place.list(kind)) {
                    if (stored.record().sameKey(kind, subject, id) && stored.record().revision() < revision) {
                        place.remove(stored.handle());
                    }
                }
            } catch (RuntimeException e) {
                continue;
            }
        }
    }

    private List<RecordPlace> places(PoolSpec pool) {
        if (pool.kind() == PoolKind.SWARM) {
            return List.of(new SwarmConfigs(clients.quick(Objects.requireNonNull(pool.manager(), "a Swarm pool has a manager"))));
        }
        return engines(pool.engines());
    }

    private List<RecordPlace> engines(List<EngineSpec> engines) {
        Set<String> seen = new HashSet<>();
        return engines.stream().filter(e -> seen.add(e.endpoint().uri().toString()))
                .map(e -> (RecordPlace) new EngineVolumes(e.displayName(), clients.quick(e.endpoint())))
                .collect(Collectors.toList());
    }
}
