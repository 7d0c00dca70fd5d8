package dev.envboard.testing.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/**
 * The Engine API's JSON shapes, field names as a real engine (20.10, API 1.41, as the sandbox runs) writes them and as
 * docker-java's models read them. Called under the simulator's lock.
 */
final class SimJson {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ENGINE_VERSION = "20.10.24-sim";
    static final String API_VERSION = "1.41";
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private SimJson() {
    }

    static ObjectNode version() {
        ObjectNode v = JSON.createObjectNode();
        v.put("Version", ENGINE_VERSION).put("ApiVersion", API_VERSION).put("MinAPIVersion", "1.12")
                .put("Os", "linux").put("Arch", "amd64").put("KernelVersion", "6.1.0-sim").put("GoVersion", "go1.20.13");
        return v;
    }

    static ObjectNode info(VirtualEngine engine) {
        ObjectNode info = JSON.createObjectNode();
        long running = engine.containers.values().stream().filter(c -> c.state.equals("running")).count();
        info.put("ID", engine.id).put("Name", engine.name).put("ServerVersion", ENGINE_VERSION)
                .put("Containers", engine.containers.size()).put("ContainersRunning", running)
                .put("ContainersPaused", 0).put("ContainersStopped", engine.containers.size() - running)
                .put("Images", 3).put("Driver", "overlay2").put("NCPU", 4).put("MemTotal", 8L << 30)
                .put("OperatingSystem", "Simulated Linux").put("OSType", "linux").put("Architecture", "x86_64")
                .put("KernelVersion", "6.1.0-sim").put("DockerRootDir", "/var/lib/docker")
                .put("NEventsListener", engine.eventSubscribers()).put("SystemTime", Instant.now().toString());
        info.putArray("Warnings");
        ArrayNode labels = info.putArray("Labels");
        engine.labels.forEach((k, v) -> labels.add(k + "=" + v));
        ObjectNode swarm = info.putObject("Swarm");
        swarm.put("Error", "").putNull("RemoteManagers");
        VirtualNode node = engine.node;
        if (node == null) {
            swarm.put("NodeID", "").put("NodeAddr", "").put("LocalNodeState", "inactive").put("ControlAvailable", false);
        } else {
            swarm.put("NodeID", node.id).put("NodeAddr", engine.address).put("LocalNodeState", "active")
                    .put("ControlAvailable", node.manager).put("Nodes", engine.swarm.nodes.size())
                    .put("Managers", engine.swarm.nodes.stream().filter(n -> n.manager).count());
        }
        return info;
    }

    static ObjectNode node(VirtualNode node) {
        ObjectNode n = JSON.createObjectNode();
        n.put("ID", node.id);
        n.putObject("Version").put("Index", node.version);
        n.put("CreatedAt", "2024-01-01T00:00:00.000000000Z").put("UpdatedAt", Instant.now().toString());
        ObjectNode spec = n.putObject("Spec");
        ObjectNode labels = spec.putObject("Labels");
        node.labels.forEach(labels::put);
        spec.put("Role", node.manager ? "manager" : "worker").put("Availability", "active");
        ObjectNode description = n.putObject("Description");
        description.put("Hostname", node.hostname());
        description.putObject("Platform").put("Architecture", "x86_64").put("OS", "linux");
        description.putObject("Resources").put("NanoCPUs", 4_000_000_000L).put("MemoryBytes", 8L << 30);
        ObjectNode engine = description.putObject("Engine");
        engine.put("EngineVersion", ENGINE_VERSION);
        ObjectNode engineLabels = engine.putObject("Labels");
        node.engine.labels.forEach(engineLabels::put);
        n.putObject("Status").put("State", "ready").put("Addr", node.engine.address);
        if (node.manager) {
            n.putObject("ManagerStatus").put("Leader", true).put("Reachability", "reachable")
                    .put("Addr", node.engine.address + ":2377");
        }
        return n;
    }

    static ObjectNode service(VirtualService service) {
        ObjectNode s = JSON.createObjectNode();
        s.put("ID", service.id());
        s.putObject("Version").put("Index", 10);
        s.put("CreatedAt", "2024-01-01T00:00:00.000000000Z").put("UpdatedAt", "2024-01-01T00:00:00.000000000Z");
        ObjectNode spec = s.putObject("Spec");
        spec.put("Name", service.fullName());
        spec.putObject("Labels").put("com.docker.stack.namespace", service.stack()).put("com.docker.stack.image", service.image());
        ObjectNode template = spec.putObject("TaskTemplate");
        template.putObject("ContainerSpec").put("Image", service.image())
                .putObject("Labels").put("com.docker.stack.namespace", service.stack());
        template.put("ForceUpdate", 0).put("Runtime", "container");
        spec.putObject("Mode").putObject("Replicated").put("Replicas", 1);
        return s;
    }

    static ObjectNode task(VirtualTask task) {
        ObjectNode t = JSON.createObjectNode();
        t.put("ID", task.id);
        t.putObject("Version").put("Index", task.version);
        t.put("CreatedAt", task.container.created.toString()).put("UpdatedAt", Instant.now().toString());
        t.putObject("Labels");
        ObjectNode spec = t.putObject("Spec");
        spec.putObject("ContainerSpec").put("Image", task.service.image())
                .putObject("Labels").put("com.docker.stack.namespace", task.service.stack());
        t.put("ServiceID", task.service.id()).put("Slot", task.slot).put("NodeID", task.node.id);
        ObjectNode status = t.putObject("Status");
        status.put("Timestamp", Instant.now().toString()).put("State", task.state)
                .put("Message", task.state.equals("running") ? "started" : task.state);
        status.putObject("ContainerStatus").put("ContainerID", task.container.id).put("PID", 4242).put("ExitCode", 0);
        t.put("DesiredState", task.desiredState);
        return t;
    }

    static ObjectNode containerSummary(VirtualContainer c) {
        ObjectNode s = JSON.createObjectNode();
        s.put("Id", c.id);
        s.putArray("Names").add("/" + c.name);
        s.put("Image", c.image).put("ImageID", "sha256:" + c.id).put("Command", "/entrypoint.sh")
                .put("Created", c.created.getEpochSecond()).put("State", c.state).put("Status", status(c));
        s.putArray("Ports").addObject().put("PrivatePort", 8080).put("Type", "tcp");
        ObjectNode labels = s.putObject("Labels");
        c.labels.forEach(labels::put);
        s.putObject("HostConfig").put("NetworkMode", "default");
        s.putObject("NetworkSettings").putObject("Networks");
        s.putArray("Mounts");
        return s;
    }

    static ObjectNode containerInspect(VirtualContainer c) {
        ObjectNode i = JSON.createObjectNode();
        i.put("Id", c.id).put("Created", c.created.toString()).put("Path", "/entrypoint.sh");
        i.putArray("Args");
        ObjectNode state = i.putObject("State");
        boolean running = c.state.equals("running");
        state.put("Status", c.state).put("Running", running).put("Paused", false).put("Restarting", false)
                .put("OOMKilled", false).put("Dead", false).put("Pid", running ? 4242 : 0).put("ExitCode", c.exitCode)
                .put("Error", "").put("StartedAt", c.startedAt.toString())
                .put("FinishedAt", c.finishedAt == null ? ZERO_TIME : c.finishedAt.toString());
        if (!c.health.isEmpty()) {
            state.putObject("Health").put("Status", c.health).put("FailingStreak", c.health.equals("unhealthy") ? 3 : 0)
                    .putArray("Log");
        }
        i.put("Image", "sha256:" + c.id).put("Name", "/" + c.name).put("RestartCount", c.restartCount)
                .put("Driver", "overlay2").put("Platform", "linux");
        ObjectNode config = i.putObject("Config");
        config.put("Hostname", c.id.substring(0, 12)).put("Image", c.image).put("Tty", false)
                .put("AttachStdout", false).put("AttachStderr", false);
        ObjectNode labels = config.putObject("Labels");
        c.labels.forEach(labels::put);
        i.putObject("HostConfig").put("NetworkMode", "default").putObject("RestartPolicy").put("Name", "no");
        i.putObject("NetworkSettings").putObject("Networks");
        i.putArray("Mounts");
        return i;
    }

    private static String status(VirtualContainer c) {
        if (!c.state.equals("running")) {
            return "Exited (" + c.exitCode + ") 1 second ago";
        }
        return "Up 5 minutes" + (c.health.isEmpty() ? "" : " (" + c.health + ")");
    }

    /** One event as the engine streams it, legacy fields included. */
    static ObjectNode event(String type, String action, String actorId, Map<String, String> attributes, String scope, long timeNano) {
        ObjectNode e = JSON.createObjectNode();
        if (type.equals("container")) {
            e.put("status", action).put("id", actorId).put("from", attributes.getOrDefault("image", ""));
        }
        e.put("Type", type).put("Action", action);
        ObjectNode actor = e.putObject("Actor");
        actor.put("ID", actorId);
        ObjectNode attrs = actor.putObject("Attributes");
        attributes.forEach(attrs::put);
        e.put("scope", scope).put("time", timeNano / 1_000_000_000L).put("timeNano", timeNano);
        return e;
    }

    static ObjectNode error(String message) {
        return JSON.createObjectNode().put("message", message);
    }
}
