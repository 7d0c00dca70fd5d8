package dev.envboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envboard.docker.EndpointSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The floor of a Swarm redeploy: the Engine API calls Envboard's RedeployService and SwarmDriver
 * make for the benchmark's stack, in the same order, with the same 100 ms pauses between polls,
 * made by {@link RawEngine} on kept-alive connections. Per run:
 * <ul>
 * <li>validate (5): manager {@code GET /info}, {@code GET /nodes},
 *     {@code GET /tasks?filters={"desired-state":["running"]}} (the pool's inspection), {@code GET /info}
 *     (which node the manager is); {@code GET /images/IMAGE/json} on each node of the environment's own engine;</li>
 * <li>remove: {@code GET /services?filters={"label":[NS]}}, then {@code DELETE /services/ID} for each, one after the other;</li>
 * <li>wait until gone, each round: {@code GET /services?filters=label}, {@code GET /tasks?filters=label}, and once no
 *     task runs {@code GET /networks?filters=label} and {@code DELETE /networks/ID}; between rounds 100 ms and
 *     {@code GET /nodes} (hosts alive);</li>
 * <li>create: {@code POST /networks/create} (overlay, attachable), then {@code POST /services/create} for the 10
 *     services side by side, 8 at a time;</li>
 * <li>wait until ready, each round: {@code GET /tasks?filters={"service":[NAME]}} per service; between rounds
 *     {@code GET /nodes} and 100 ms.</li>
 * </ul>
 * It reads only what decides its next call (ids, task states); it does not map whole answers to objects.
 */
final class SwarmFloor {
    static final long POLL_MILLIS = 100; // RedeployService.POLL
    private static final Set<String> FINISHED = Set.of("complete", "shutdown", "failed", "rejected", "orphaned", "remove");
    private static final String NAMESPACE = "com.docker.stack.namespace";

    private final Floor floor;
    private final RawEngine manager;
    private final List<RawEngine> nodeEngines;
    private final String environment;
    private final int services;
    private final int replicas;
    private final ObjectMapper json = new ObjectMapper();

    SwarmFloor(Floor floor, EndpointSpec manager, List<EndpointSpec> nodeEngines, String environment, int services, int replicas) {
        this.floor = floor;
        this.manager = floor.engine(manager);
        this.nodeEngines = nodeEngines.stream().map(floor::engine).toList();
        this.environment = environment;
        this.services = services;
        this.replicas = replicas;
    }

    void redeploy() throws Exception {
        String deployId = UUID.randomUUID().toString().substring(0, 8);
        String byLabel = Floor.filters("{\"label\":[\"" + NAMESPACE + "=" + environment + "\"]}");
        // validate
        manager.get("/info").ok("info");
        manager.get("/nodes").ok("nodes");
        manager.get("/tasks?" + Floor.filters("{\"desired-state\":[\"running\"]}")).ok("tasks");
        manager.get("/info").ok("info");
        for (RawEngine node : nodeEngines) {
            node.get("/images/" + BenchStacks.IMAGE + "/json").ok("image " + BenchStacks.IMAGE);
        }
        // remove
        for (JsonNode service : array(manager.get("/services?" + byLabel).ok("services"))) {
            manager.call("DELETE", "/services/" + service.path("ID").asText(), null).ok("remove service");
        }
        // wait until gone
        long deadline = System.nanoTime() + 180_000_000_000L;
        List<String> left = sweep(byLabel);
        while (!left.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new BenchFailure("the floor's old deployment was still not gone after 180 s: " + left);
            }
            Thread.sleep(POLL_MILLIS);
            manager.get("/nodes").ok("nodes");
            left = sweep(byLabel);
        }
        // create
        manager.call("POST", "/networks/create", "{\"Name\":\"" + environment + "_default\",\"CheckDuplicate\":true,\"Driver\":\"overlay\","
                + "\"Attachable\":true,\"Labels\":{\"" + NAMESPACE + "\":\"" + environment + "\"}}").ok("network create");
        List<Floor.Work> creates = new ArrayList<>();
        for (int s = 1; s <= services; s++) {
            String spec = spec(String.format("svc%02d", s), deployId);
            creates.add(() -> manager.call("POST", "/services/create", spec).ok("service create"));
        }
        floor.all(creates);
        // wait until ready
        deadline = System.nanoTime() + 180_000_000_000L;
        while (true) {
            int ready = 0;
            for (int s = 1; s <= services; s++) {
                String name = environment + "_" + String.format("svc%02d", s);
                int running = 0;
                for (JsonNode task : array(manager.get("/tasks?" + Floor.filters("{\"service\":[\"" + name + "\"]}")).ok("tasks"))) {
                    if ("running".equals(task.path("DesiredState").asText()) && "running".equals(task.path("Status").path("State").asText())) {
                        running++;
                    }
                }
                ready += running >= replicas ? 1 : 0;
            }
            if (ready == services) {
                return;
            }
            manager.get("/nodes").ok("nodes");
            if (System.nanoTime() > deadline) {
                throw new BenchFailure("the floor's services were not all running after 180 s: " + ready + " of " + services);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** What of the environment is left; once no task runs, its networks are removed. */
    private List<String> sweep(String byLabel) throws Exception {
        List<String> left = new ArrayList<>();
        for (JsonNode service : array(manager.get("/services?" + byLabel).ok("services"))) {
            left.add("service " + service.path("Spec").path("Name").asText());
        }
        for (JsonNode task : array(manager.get("/tasks?" + byLabel).ok("tasks"))) {
            String state = task.path("Status").path("State").asText();
            if (!state.isEmpty() && !FINISHED.contains(state)) {
                left.add("task " + task.path("ID").asText() + " (" + state + ")");
            }
        }
        if (left.isEmpty()) {
            for (JsonNode network : array(manager.get("/networks?" + byLabel).ok("networks"))) {
                int status = manager.call("DELETE", "/networks/" + network.path("Id").asText(), null).status();
                if (status != 204 && status != 404) {
                    left.add("network " + network.path("Name").asText() + " (still in use)");
                }
            }
        }
        return left;
    }

    /** The service spec SwarmServiceSpecs makes for one of the benchmark's services. */
    private String spec(String service, String deployId) throws Exception {
        ObjectNode spec = json.createObjectNode();
        spec.put("Name", environment + "_" + service);
        spec.putObject("Labels").put(NAMESPACE, environment).put("com.docker.stack.image", BenchStacks.IMAGE)
                .put("dev.envboard.deploy-id", deployId);
        ObjectNode task = spec.putObject("TaskTemplate");
        ObjectNode container = task.putObject("ContainerSpec");
        container.put("Image", BenchStacks.IMAGE);
        container.putObject("Labels").put(NAMESPACE, environment);
        container.putArray("Args").add("sh").add("-c").add(BenchStacks.command());
        container.putArray("Env");
        container.putArray("Mounts");
        container.put("StopGracePeriod", BenchStacks.GRACE_SECONDS * 1_000_000_000L);
        task.putObject("Placement").putArray("Constraints").add("node.labels.environment==" + environment);
        ArrayNode networks = task.putArray("Networks");
        networks.addObject().put("Target", environment + "_default").putArray("Aliases").add(service);
        spec.putObject("Mode").putObject("Replicated").put("Replicas", replicas);
        spec.putObject("EndpointSpec").put("Mode", "dnsrr");
        return json.writeValueAsString(spec);
    }

    private JsonNode array(RawEngine.Response response) throws Exception {
        return json.readTree(response.body());
    }
}
