package dev.envboard.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envboard.deploy.watch.DeployFields;
import dev.envboard.pool.EngineSpec;
import dev.envboard.pool.Host;
import dev.envboard.pool.HostState;
import dev.envboard.pool.PoolInspector;
import dev.envboard.pool.PoolKind;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.records.PoolRecord;
import dev.envboard.pool.records.PoolRecords;
import dev.envboard.pool.records.RecordException;
import dev.envboard.pool.records.RecordListing;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Demos as pool records of kind "demo", one per environment: a Swarm's config objects, or
 * labelled volumes on the demo's own standalone hosts (those that answer), so a colleague's
 * Envboard and {@code envboard demo ls} in any state directory read the same.
 */
public final class PoolDemoRecords implements DemoRecords {
    public static final String KIND = "demo";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PoolRecords records;
    private final PoolInspector inspector;

    public PoolDemoRecords(PoolRecords records, PoolInspector inspector) {
        this.records = records;
        this.inspector = inspector;
    }

    @Override
    public DemoListing list(PoolSpec pool) {
        RecordListing listing = records.list(pool, KIND);
        List<Demo> demos = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        listing.unreachable().forEach((place, why) -> problems.add(place + " did not answer (" + why
                + "): demos recorded only there are missing"));
        for (PoolRecord record : listing.records()) {
            try {
                demos.add(decode(pool, record));
            } catch (IllegalArgumentException e) {
                problems.add("the demo record of " + record.subject() + " (revision " + record.revision() + " in "
                        + String.join(", ", record.locations()) + ") cannot be read: " + e.getMessage());
            }
        }
        return new DemoListing(demos, problems);
    }

    @Override
    public Optional<Demo> find(PoolSpec pool, String environment) {
        return list(pool).demos().stream().filter(d -> d.environment().equals(environment)).findFirst();
    }

    @Override
    public void put(PoolSpec pool, Demo demo) throws DemoException {
        try {
            records.put(pool, keepers(pool, demo), KIND, demo.environment(), demo.environment(), encode(demo));
        } catch (RecordException e) {
            throw new DemoException(e.getMessage(), false);
        }
    }

    @Override
    public void remove(PoolSpec pool, String environment) throws DemoException {
        List<String> left = new ArrayList<>(records.remove(pool, KIND, environment, environment));
        // The demo's deploy records go with it: a torn-down demo leaves nothing in the pool.
        for (PoolRecord deploy : records.list(pool, DeployFields.KIND).records()) {
            if (deploy.subject().equals(environment)) {
                left.addAll(records.remove(pool, DeployFields.KIND, environment, deploy.id()));
            }
        }
        if (!left.isEmpty()) {
            throw new DemoException("not removed everywhere: " + String.join("; ", left), false);
        }
    }

    /**
     * Standalone: the demo's own hosts that answer now (a copy on each, so one engine down does not
     * hide the demo); when none answers, every engine of the pool that does. Ignored by a Swarm.
     */
    private List<EngineSpec> keepers(PoolSpec pool, Demo demo) {
        if (pool.kind() == PoolKind.SWARM) {
            return List.of();
        }
        PoolSnapshot snapshot = inspector.inspect(pool).join();
        List<EngineSpec> answering = new ArrayList<>();
        List<EngineSpec> own = new ArrayList<>();
        for (Host host : snapshot.hosts()) {
            if (host.state() != HostState.READY || host.engineIndex() < 0) {
                continue;
            }
            EngineSpec engine = pool.engines().get(host.engineIndex());
            answering.add(engine);
            if (demo.hosts().stream().anyMatch(h -> h.is(host))) {
                own.add(engine);
            }
        }
        return own.isEmpty() ? answering : own;
    }

    static Map<String, String> encode(Demo demo) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("owner", demo.owner());
        fields.put("customer", demo.customer());
        fields.put("template", demo.template());
        fields.put("created", demo.created().toString());
        fields.put("expires", demo.expires().toString());
        fields.put("latest-expiry", demo.latestExpiry().toString());
        fields.put("keep", Boolean.toString(demo.keep()));
        fields.put("hosts", json(demo.hosts()));
        fields.put("variables", json(demo.variables()));
        fields.put("entry-points", json(demo.entryPoints()));
        fields.put("state", demo.state().key());
        fields.put("left", json(demo.left()));
        if (demo.problem() != null) {
            fields.put("problem", demo.problem());
        }
        return fields;
    }

    static Demo decode(PoolSpec pool, PoolRecord record) {
        return new Demo(pool.name(), record.subject(), required(record, "owner"), required(record, "customer"),
                required(record, "template"), instant(record, "created"), instant(record, "expires"),
                instant(record, "latest-expiry"), Boolean.parseBoolean(record.field("keep")),
                read(record, "hosts", new TypeReference<List<DemoHost>>() { }, List.of()),
                read(record, "variables", new TypeReference<Map<String, String>>() { }, Map.of()),
                read(record, "entry-points", new TypeReference<List<EntryPoint>>() { }, List.of()),
                DemoState.fromKey(record.field("state")),
                read(record, "left", new TypeReference<List<String>>() { }, List.of()), record.field("problem"));
    }

    private static String required(PoolRecord record, String field) {
        String value = record.field(field);
        if (value == null) {
            throw new IllegalArgumentException("no " + field);
        }
        return value;
    }

    private static Instant instant(PoolRecord record, String field) {
        try {
            return Instant.parse(required(record, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is not a time: " + record.field(field));
        }
    }

    private static <T> T read(PoolRecord record, String field, TypeReference<T> type, T none) {
        String value = record.field(field);
        if (value == null || value.isEmpty()) {
            return none;
        }
        try {
            return JSON.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(field + " is not valid: " + e.getOriginalMessage());
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a demo's own fields always write as JSON", e);
        }
    }
}
