package dev.envboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envboard.pool.EngineSpec;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The floor of a demo launch: the Engine API calls, SSH commands and registry request Envboard's
 * launch makes for the template on two standalone hosts, in its order and as much side by side, with
 * its pauses (200 ms between label polls, 100 ms between deploy polls), by minimal clients on warm
 * connections ({@link RawEngine}, {@link FloorSsh} logged in once, {@link FloorRegistry}):
 * <ul>
 * <li>validate (DemoLaunch): the demo records ({@code GET /volumes?filters=label} per host); the pool
 *     ({@code GET /info} on both side by side); the deploy check: the pool again, the registry's
 *     {@code HEAD} of the tag, what runs ({@code GET /containers/json?all&filters=label} per host);</li>
 * <li>record (PoolRecords): the pool; the records per host; per host {@code POST /volumes/create} and
 *     {@code GET /volumes/NAME}; the records per host again (older revisions);</li>
 * <li>label hosts, one after the other: {@link FloorLabelWrite} (its steps timed, summed over the hosts);</li>
 * <li>deploy (RedeployService, StandaloneDriver): validate (the pool); resolve ({@code HEAD}); pull on
 *     both hosts side by side ({@code GET /images/REF/json}, {@code POST /images/create} with
 *     X-Registry-Auth, {@code GET /images/REF/json}); what runs and the removal (two listings per
 *     host); until gone (per host a listing and {@code GET /containers/NAME/json} per new name); the
 *     network per host side by side ({@code GET /networks?filters=label}, {@code GET /networks/NAME},
 *     {@code POST /networks/create}); the depends_on levels, each level's containers side by side
 *     ({@code POST /containers/create?name=}, {@code POST /containers/ID/start}), the next level after
 *     what it depends on runs or is healthy ({@code GET /containers/NAME/json} each, else {@code GET
 *     /_ping} per host and 100 ms); until every container runs and is healthy (the same poll);</li>
 * <li>after the deploy: the pool; where the services run ({@code GET /containers/json?filters=label}
 *     per host); the record again (with the older revision's {@code DELETE /volumes/NAME}).</li>
 * </ul>
 * Then each entry point is asked until it answers 200, with the same client as Envboard's side.
 * Local work Envboard does between the calls (reading the template, the audit log and the deploy
 * history, its deploy lock) is not part of the floor.
 */
final class DemoFloor {
    private static final String NAMESPACE = "com.docker.stack.namespace";
    private static final String RECORD = "dev.envboard.record";
    private static final long POLL_MILLIS = 100;
    private static final long WAIT_NANOS = 180_000_000_000L;

    private final Floor floor;
    private final List<EngineSpec> specs;
    private final List<RawEngine> hosts;
    private final List<FloorSsh> ssh;
    private final DemoContainers containers;
    private final FloorRegistry registry;
    private final String environment;
    private final String labelKey;
    private final Map<String, String> recordFields;
    private final Map<String, String> demoLabels;
    private final ObjectMapper json = new ObjectMapper();
    private long revision;

    /**
     * @param specs        the pool's engines the demo runs on, in the pool's order
     * @param ssh          a session to each of them, in the same order
     * @param recordFields the demo record's fields (as PoolDemoRecords writes them)
     * @param demoLabels   the labels Envboard puts on a demo's containers
     */
    DemoFloor(Floor floor, List<EngineSpec> specs, List<FloorSsh> ssh, DemoContainers containers, FloorRegistry registry,
              String environment, String labelKey, Map<String, String> recordFields, Map<String, String> demoLabels) {
        this.floor = floor;
        this.specs = List.copyOf(specs);
        this.hosts = specs.stream().map(e -> floor.engine(e.endpoint())).toList();
        this.ssh = List.copyOf(ssh);
        this.containers = containers;
        this.registry = registry;
        this.environment = environment;
        this.labelKey = labelKey;
        this.recordFields = recordFields;
        this.demoLabels = demoLabels;
    }

    void launch(PhaseClock clock, Supplier<HttpClient> http) throws Exception {
        revision = 0;
        // validate
        listRecords();
        inspect();
        inspect();
        resolveAll();
        listEnvironment(true);
        clock.mark("validate");
        putRecord("launching");
        clock.mark("record");
        for (int h = 0; h < hosts.size(); h++) {
            FloorLabelWrite.write(ssh.get(h), hosts.get(h), specs.get(h), labelKey, environment, clock);
        }
        // deploy
        inspect();
        clock.mark("deploy: validate");
        Map<String, String> pinned = resolveAll();
        clock.mark("deploy: resolve");
        pull(pinned);
        clock.mark("deploy: pull");
        listEnvironment(true); // what runs before: for the record
        listEnvironment(true); // the removal: nothing to remove
        sweep();
        clock.mark("deploy: remove + wait gone");
        networks();
        String deployId = UUID.randomUUID().toString().substring(0, 8);
        List<List<DemoContainers.Replica>> levels = containers.levels();
        for (int i = 0; i < levels.size(); i++) {
            List<Floor.Work> creates = new ArrayList<>();
            for (DemoContainers.Replica replica : levels.get(i)) {
                Map<String, String> labels = new LinkedHashMap<>(demoLabels);
                labels.put("dev.envboard.image", replica.service().image());
                String body = containers.createBody(replica, pinned.get(replica.service().image()), labels, deployId);
                RawEngine host = hosts.get(replica.host());
                creates.add(() -> {
                    String id = json.readTree(host.call("POST", "/containers/create?name=" + replica.name(), body)
                            .ok("create " + replica.name()).body()).path("Id").asText();
                    host.call("POST", "/containers/" + id + "/start", null).ok("start " + replica.name());
                });
            }
            floor.all(creates);
            if (i + 1 < levels.size()) {
                awaitReady(containers.neededBefore(i), containers.neededHealthy(i));
            }
        }
        clock.mark("deploy: create (depends_on order)");
        awaitReady(containers.replicas(), true);
        clock.mark("deploy: wait ready");
        inspect();
        listEnvironment(false); // where each service runs: the entry points' hosts
        putRecord("running");
        clock.mark("entry points + record");
        for (DemoContainers.Entry entry : containers.entries()) {
            DemoBench.untilOk(http.get(), entry, "the floor's");
        }
        clock.mark("http until 200");
    }

    /** The pool's snapshot: {@code GET /info} on every host side by side. */
    private void inspect() throws Exception {
        floor.all(hosts.stream().<Floor.Work>map(h -> () -> h.get("/info").ok("info")).toList());
    }

    private List<JsonNode> listRecords(RawEngine host) throws Exception {
        List<JsonNode> volumes = new ArrayList<>();
        JsonNode list = json.readTree(host.get("/volumes?" + Floor.filters("{\"label\":[\"" + RECORD + "=demo\"]}")).ok("volumes").body())
                .path("Volumes");
        list.forEach(volumes::add);
        return volumes;
    }

    private void listRecords() throws Exception {
        for (RawEngine host : hosts) {
            listRecords(host);
        }
    }

    /** PoolRecords.put on the demo's hosts: numbered past what every host holds, then the older revisions removed. */
    private void putRecord(String state) throws Exception {
        inspect(); // which of the demo's hosts answer
        listRecords(); // the newest revision
        revision++;
        String name = objectName(revision);
        ObjectNode labels = json.createObjectNode();
        recordFields.forEach((field, value) -> labels.put("dev.envboard.demo." + field, value));
        labels.put("dev.envboard.demo.state", state);
        labels.put(RECORD, "demo").put(RECORD + ".subject", environment).put(RECORD + ".id", environment)
                .put(RECORD + ".revision", Long.toString(revision));
        ObjectNode body = json.createObjectNode().put("Name", name).put("Driver", "local");
        body.set("Labels", labels);
        String text = json.writeValueAsString(body);
        for (RawEngine host : hosts) {
            host.call("POST", "/volumes/create", text).ok("volume create");
            host.get("/volumes/" + name).ok("volume inspect");
        }
        for (RawEngine host : hosts) {
            for (JsonNode volume : listRecords(host)) {
                JsonNode l = volume.path("Labels");
                if (environment.equals(l.path(RECORD + ".subject").asText())
                        && Long.parseLong(l.path(RECORD + ".revision").asText("0")) < revision) {
                    host.call("DELETE", "/volumes/" + volume.path("Name").asText(), null).ok("volume remove");
                }
            }
        }
    }

    private String objectName(long rev) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(("demo\n" + environment + "\n" + environment).getBytes(StandardCharsets.UTF_8));
        return "envboard-demo-" + HexFormat.of().formatHex(hash, 0, 6) + "-" + rev;
    }

    /** Each image of the stack to its digest in the registry: image as written to {@code NAME@DIGEST}. */
    private Map<String, String> resolveAll() throws Exception {
        Map<String, String> pinned = new LinkedHashMap<>();
        for (String image : containers.images()) {
            String name = image.substring(0, image.lastIndexOf(':'));
            String tag = image.substring(image.lastIndexOf(':') + 1);
            if (!name.startsWith(registry.address() + "/")) {
                throw new BenchFailure("the floor pulls from the sandbox's registry only, not " + image);
            }
            pinned.put(image, name + "@" + registry.resolve(name.substring(registry.address().length() + 1), tag));
        }
        return pinned;
    }

    private void pull(Map<String, String> pinned) throws Exception {
        List<Floor.Work> work = new ArrayList<>();
        for (RawEngine host : hosts) {
            work.add(() -> {
                for (String reference : pinned.values().stream().distinct().toList()) {
                    if (host.get("/images/" + reference + "/json").status() == 200) {
                        continue;
                    }
                    int at = reference.indexOf('@');
                    RawEngine.Response pull = host.call("POST", "/images/create?fromImage=" + Floor.encode(reference.substring(0, at))
                            + "&tag=" + Floor.encode(reference.substring(at + 1)), null, Map.of("X-Registry-Auth", registry.engineAuth()));
                    if (pull.ok("pull " + reference).text().contains("\"errorDetail\"")) {
                        throw new BenchFailure("the floor's pull of " + reference + " failed: " + pull.text().trim());
                    }
                    host.get("/images/" + reference + "/json").ok("image " + reference + " after its pull");
                }
            });
        }
        floor.all(work);
    }

    private void listEnvironment(boolean all) throws Exception {
        for (RawEngine host : hosts) {
            host.get("/containers/json?" + (all ? "all=true&" : "") + Floor.filters("{\"label\":[\"" + NAMESPACE + "=" + environment + "\"]}"))
                    .ok("containers");
        }
    }

    /** StandaloneDriver.sweep: per host its containers of the environment, and each new name placed there (free: 404). */
    private void sweep() throws Exception {
        String byLabel = Floor.filters("{\"label\":[\"" + NAMESPACE + "=" + environment + "\"]}");
        for (int h = 0; h < hosts.size(); h++) {
            RawEngine host = hosts.get(h);
            if (json.readTree(host.get("/containers/json?all=true&" + byLabel).ok("containers").body()).size() > 0) {
                throw new BenchFailure("the floor found containers of " + environment + " on " + specs.get(h).displayName()
                        + " before its launch");
            }
            for (DemoContainers.Replica replica : containers.replicas()) {
                if (replica.host() == h && host.get("/containers/" + replica.name() + "/json").status() != 404) {
                    throw new BenchFailure("the name " + replica.name() + " is taken on " + specs.get(h).displayName() + " before the floor's launch");
                }
            }
        }
    }

    /** EnvironmentNetworks.prepare per host, side by side: none of the environment yet, so the network is created. */
    private void networks() throws Exception {
        String byLabel = Floor.filters("{\"label\":[\"" + NAMESPACE + "=" + environment + "\"]}");
        String body = "{\"Name\":\"" + containers.network() + "\",\"CheckDuplicate\":true,\"Driver\":\"bridge\",\"Options\":{},"
                + "\"Labels\":{\"" + NAMESPACE + "\":\"" + environment + "\",\"dev.envboard.network\":\"default\"}}";
        floor.all(hosts.stream().<Floor.Work>map(host -> () -> {
            host.get("/networks?" + byLabel).ok("networks");
            host.get("/networks/" + containers.network()).status(); // 404: the name is free
            host.call("POST", "/networks/create", body).ok("network create");
        }).toList());
    }

    /** RedeployService.awaitReady: every replica running (and healthy, where asked), polled every 100 ms with a ping per host between. */
    private void awaitReady(List<DemoContainers.Replica> replicas, boolean healthy) throws Exception {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (true) {
            List<String> waiting = new ArrayList<>();
            for (DemoContainers.Replica replica : replicas) {
                JsonNode state = json.readTree(hosts.get(replica.host()).get("/containers/" + replica.name() + "/json")
                        .ok("inspect " + replica.name()).body()).path("State");
                boolean running = state.path("Running").asBoolean();
                String health = state.path("Health").path("Status").asText(null);
                if (!running || healthy && health != null && !health.equals("healthy")) {
                    waiting.add(replica.name() + " " + state.path("Status").asText() + (health == null ? "" : "/" + health));
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            for (RawEngine host : hosts) {
                host.get("/_ping").ok("ping");
            }
            if (System.nanoTime() > deadline) {
                throw new BenchFailure("the floor's containers were not ready after 180 s: " + waiting);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
