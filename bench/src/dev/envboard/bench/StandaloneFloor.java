package dev.envboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envboard.docker.EndpointSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The floor of a standalone redeploy: the Engine API calls Envboard's RedeployService and
 * StandaloneDriver make for the benchmark's stack, in the same order and as much side by side,
 * with the same 100 ms pauses between polls, made by {@link RawEngine} on kept-alive connections.
 * Replica r of each service goes to host (r - 1) mod 2, where Envboard's placer puts it. Per run:
 * <ul>
 * <li>validate: {@code GET /info} on both hosts side by side (the pool's inspection), then
 *     {@code GET /images/IMAGE/json} on each;</li>
 * <li>remove: per host {@code GET /containers/json?all=true&filters={"label":[NS]}}; then for every container, 8
 *     side by side, {@code POST /containers/ID/stop?t=GRACE} (its stop-grace label, else 10) and
 *     {@code DELETE /containers/ID?v=true&force=true};</li>
 * <li>wait until gone, each round, per host: {@code GET /containers/json?all=true&filters=label}, {@code GET
 *     /containers/NAME/json} for each of the host's 10 new names (404 when free), and when nothing is left there
 *     {@code GET /networks?filters=label} and {@code DELETE /networks/ID}; between rounds 100 ms and
 *     {@code GET /_ping} per host;</li>
 * <li>create: {@code POST /networks/create} (bridge) per host, then for the 20 replicas, 8 side by side,
 *     {@code POST /containers/create?name=NAME} and {@code POST /containers/ID/start};</li>
 * <li>wait until ready, each round: {@code GET /containers/NAME/json} for each of the 20; between rounds
 *     {@code GET /_ping} per host and 100 ms.</li>
 * </ul>
 */
final class StandaloneFloor {
    private static final String NAMESPACE = "com.docker.stack.namespace";
    private static final String STOP_GRACE = "dev.envboard.stop-grace-seconds";

    private final Floor floor;
    private final List<RawEngine> hosts;
    private final String environment;
    private final int services;
    private final int replicas;
    private final ObjectMapper json = new ObjectMapper();

    StandaloneFloor(Floor floor, List<EndpointSpec> hosts, String environment, int services, int replicas) {
        this.floor = floor;
        this.hosts = hosts.stream().map(floor::engine).toList();
        this.environment = environment;
        this.services = services;
        this.replicas = replicas;
    }

    private RawEngine hostOf(int replica) {
        return hosts.get((replica - 1) % hosts.size());
    }

    private String name(int service, int replica) {
        return environment + "_" + String.format("svc%02d", service) + "_" + replica;
    }

    void redeploy() throws Exception {
        String deployId = UUID.randomUUID().toString().substring(0, 8);
        String byLabel = Floor.filters("{\"label\":[\"" + NAMESPACE + "=" + environment + "\"]}");
        // validate
        floor.all(hosts.stream().<Floor.Work>map(h -> () -> h.get("/info").ok("info")).toList());
        for (RawEngine host : hosts) {
            host.get("/images/" + BenchStacks.IMAGE + "/json").ok("image " + BenchStacks.IMAGE);
        }
        // remove
        List<Floor.Work> removals = new ArrayList<>();
        for (RawEngine host : hosts) {
            for (JsonNode container : json.readTree(host.get("/containers/json?all=true&" + byLabel).ok("containers").body())) {
                String id = container.path("Id").asText();
                String grace = container.path("Labels").path(STOP_GRACE).asText("10");
                removals.add(() -> {
                    int stopped = host.call("POST", "/containers/" + id + "/stop?t=" + grace, null).status();
                    if (stopped != 204 && stopped != 304) {
                        throw new BenchFailure("the floor's stop of " + id + " answered " + stopped);
                    }
                    host.call("DELETE", "/containers/" + id + "?v=true&force=true", null).ok("remove container");
                });
            }
        }
        floor.all(removals);
        // wait until gone
        long deadline = System.nanoTime() + 180_000_000_000L;
        List<String> left = sweep(byLabel);
        while (!left.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new BenchFailure("the floor's old deployment was still not gone after 180 s: " + left);
            }
            Thread.sleep(SwarmFloor.POLL_MILLIS);
            for (RawEngine host : hosts) {
                host.get("/_ping").ok("ping");
            }
            left = sweep(byLabel);
        }
        // create
        for (RawEngine host : hosts) {
            host.call("POST", "/networks/create", "{\"Name\":\"" + environment + "_default\",\"CheckDuplicate\":true,\"Driver\":\"bridge\","
                    + "\"Labels\":{\"" + NAMESPACE + "\":\"" + environment + "\"}}").ok("network create");
        }
        List<Floor.Work> creates = new ArrayList<>();
        for (int s = 1; s <= services; s++) {
            for (int r = 1; r <= replicas; r++) {
                RawEngine host = hostOf(r);
                String name = name(s, r);
                String body = container(String.format("svc%02d", s), r, name, deployId);
                creates.add(() -> {
                    String id = json.readTree(host.call("POST", "/containers/create?name=" + name, body).ok("create " + name).body())
                            .path("Id").asText();
                    host.call("POST", "/containers/" + id + "/start", null).ok("start " + name);
                });
            }
        }
        floor.all(creates);
        // wait until ready
        deadline = System.nanoTime() + 180_000_000_000L;
        while (true) {
            int running = 0;
            for (int s = 1; s <= services; s++) {
                for (int r = 1; r <= replicas; r++) {
                    JsonNode state = json.readTree(hostOf(r).get("/containers/" + name(s, r) + "/json").ok("inspect").body()).path("State");
                    running += state.path("Running").asBoolean() ? 1 : 0;
                }
            }
            if (running == services * replicas) {
                return;
            }
            for (RawEngine host : hosts) {
                host.get("/_ping").ok("ping");
            }
            if (System.nanoTime() > deadline) {
                throw new BenchFailure("the floor's containers were not all running after 180 s: " + running);
            }
            Thread.sleep(SwarmFloor.POLL_MILLIS);
        }
    }

    private List<String> sweep(String byLabel) throws Exception {
        List<String> left = new ArrayList<>();
        for (int h = 0; h < hosts.size(); h++) {
            RawEngine host = hosts.get(h);
            int before = left.size();
            for (JsonNode container : json.readTree(host.get("/containers/json?all=true&" + byLabel).ok("containers").body())) {
                left.add(container.path("Names").path(0).asText());
            }
            for (int s = 1; s <= services; s++) {
                for (int r = 1; r <= replicas; r++) {
                    if (hostOf(r) == host && host.get("/containers/" + name(s, r) + "/json").status() != 404) {
                        left.add("name " + name(s, r) + " still taken");
                    }
                }
            }
            if (left.size() == before) {
                for (JsonNode network : json.readTree(host.get("/networks?" + byLabel).ok("networks").body())) {
                    int status = host.call("DELETE", "/networks/" + network.path("Id").asText(), null).status();
                    if (status != 204 && status != 404) {
                        left.add("network " + network.path("Name").asText() + " (still in use)");
                    }
                }
            }
        }
        return left;
    }

    /** The container StandaloneDriver creates for one replica of the benchmark's stack. */
    private String container(String service, int slot, String name, String deployId) throws Exception {
        ObjectNode body = json.createObjectNode();
        body.put("Image", BenchStacks.IMAGE);
        body.put("Hostname", name);
        body.putObject("Labels").put(NAMESPACE, environment).put("dev.envboard.service", service)
                .put("dev.envboard.slot", Integer.toString(slot)).put("dev.envboard.deploy-id", deployId)
                .put(STOP_GRACE, Integer.toString(BenchStacks.GRACE_SECONDS)).put("com.docker.compose.project", environment)
                .put("com.docker.compose.service", service);
        body.putArray("Env");
        body.put("StopTimeout", BenchStacks.GRACE_SECONDS);
        body.putArray("Cmd").add("sh").add("-c").add(BenchStacks.command());
        ObjectNode hostConfig = body.putObject("HostConfig");
        hostConfig.putArray("Binds");
        hostConfig.putObject("RestartPolicy").put("Name", "unless-stopped").put("MaximumRetryCount", 0);
        hostConfig.put("NetworkMode", environment + "_default");
        body.putObject("NetworkingConfig").putObject("EndpointsConfig").putObject(environment + "_default")
                .putArray("Aliases").add(service);
        return json.writeValueAsString(body);
    }
}
