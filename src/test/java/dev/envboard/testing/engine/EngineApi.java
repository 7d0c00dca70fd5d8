package dev.envboard.testing.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Engine API routes one virtual engine answers, any /vX.Y prefix accepted. */
final class EngineApi implements HttpHandler {
    private static final Pattern VERSIONED = Pattern.compile("^/v\\d+\\.\\d+(/.*)$");
    private static final Pattern CONTAINER = Pattern.compile("^/containers/([^/]+)/(json|logs)$");
    private static final Pattern NODE = Pattern.compile("^/nodes/([^/]+)$");

    private final VirtualEngine engine;

    EngineApi(VirtualEngine engine) {
        this.engine = engine;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            Matcher versioned = VERSIONED.matcher(path);
            if (versioned.matches()) {
                path = versioned.group(1);
            }
            engine.counted(path);
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            exchange.getResponseHeaders().set("Api-Version", SimJson.API_VERSION);
            exchange.getResponseHeaders().set("Server", "Docker/" + SimJson.ENGINE_VERSION + " (linux)");
            route(exchange, path, query);
        } catch (IOException clientGone) {
            // the client hung up (a closed event stream, a cancelled call): nothing to answer
        }
    }

    private void route(HttpExchange exchange, String path, Map<String, String> query) throws IOException {
        String method = exchange.getRequestMethod();
        if (path.equals("/_ping")) {
            text(exchange, 200, method.equals("HEAD") ? null : "OK");
            return;
        }
        if (!method.equals("GET")) {
            json(exchange, 501, SimJson.error("the simulator answers GET only, not " + method + " " + path));
            return;
        }
        Map<String, List<String>> filters = filters(query.get("filters"));
        Matcher container = CONTAINER.matcher(path);
        Matcher node = NODE.matcher(path);
        if (path.equals("/events")) {
            new EventStream(engine).serve(exchange, filters, query);
            return;
        }
        if (container.matches() && container.group(2).equals("logs")) {
            new LogStream(engine).serve(exchange, container.group(1), query);
            return;
        }
        JsonNode body;
        synchronized (engine.lock) {
            body = answer(path, query, filters, container, node);
        }
        if (body == null) {
            json(exchange, 404, SimJson.error("page not found"));
        } else if (body.has("message") && body.size() == 1) {
            json(exchange, statusOf(body), body);
        } else {
            json(exchange, 200, body);
        }
    }

    /** The JSON answer of a plain GET, under the lock; an object with only "message" is an error. */
    private JsonNode answer(String path, Map<String, String> query, Map<String, List<String>> filters,
                            Matcher container, Matcher node) {
        switch (path) {
            case "/version":
                return SimJson.version();
            case "/info":
                return SimJson.info(engine);
            case "/containers/json": {
                boolean all = "1".equals(query.get("all")) || "true".equals(query.get("all"));
                ArrayNode list = SimJson.JSON.createArrayNode();
                engine.containers.values().stream().filter(c -> all || c.state.equals("running"))
                        .filter(c -> matches(filters, "id", c.id) && matches(filters, "name", c.name))
                        .forEach(c -> list.add(SimJson.containerSummary(c)));
                return list;
            }
            case "/nodes": {
                VirtualSwarm swarm = managedSwarm();
                if (swarm == null) {
                    return notManager();
                }
                ArrayNode list = SimJson.JSON.createArrayNode();
                swarm.nodes.stream().filter(n -> matches(filters, "id", n.id) && matches(filters, "name", n.hostname()))
                        .forEach(n -> list.add(SimJson.node(n)));
                return list;
            }
            case "/services": {
                VirtualSwarm swarm = managedSwarm();
                if (swarm == null) {
                    return notManager();
                }
                ArrayNode list = SimJson.JSON.createArrayNode();
                swarm.services.values().stream().filter(s -> matches(filters, "id", s.id()) && matches(filters, "name", s.fullName()))
                        .forEach(s -> list.add(SimJson.service(s)));
                return list;
            }
            case "/tasks": {
                VirtualSwarm swarm = managedSwarm();
                if (swarm == null) {
                    return notManager();
                }
                ArrayNode list = SimJson.JSON.createArrayNode();
                swarm.tasks.values().stream()
                        .filter(t -> matches(filters, "desired-state", t.desiredState) && matches(filters, "node", t.node.id)
                                && matches(filters, "service", t.service.id()) && matches(filters, "id", t.id))
                        .forEach(t -> list.add(SimJson.task(t)));
                return list;
            }
            default:
                break;
        }
        if (container.matches()) {
            VirtualContainer c = find(container.group(1));
            return c == null ? missing("No such container: " + container.group(1)) : SimJson.containerInspect(c);
        }
        if (node.matches()) {
            VirtualSwarm swarm = managedSwarm();
            if (swarm == null) {
                return notManager();
            }
            return swarm.nodes.stream().filter(n -> n.id.equals(node.group(1)) || n.hostname().equals(node.group(1)))
                    .findFirst().<JsonNode>map(SimJson::node).orElse(missing("node " + node.group(1) + " not found"));
        }
        return null;
    }

    VirtualContainer find(String idOrName) {
        VirtualContainer exact = engine.containers.get(idOrName);
        if (exact != null) {
            return exact;
        }
        return engine.containers.values().stream()
                .filter(c -> c.name.equals(idOrName) || (idOrName.length() >= 4 && c.id.startsWith(idOrName)))
                .findFirst().orElse(null);
    }

    private VirtualSwarm managedSwarm() {
        return engine.node != null && engine.node.manager ? engine.swarm : null;
    }

    private static final Set<String> NOT_FOUND = Set.of("No such container", "node ");

    private static JsonNode missing(String message) {
        return SimJson.error(message);
    }

    private static JsonNode notManager() {
        return SimJson.error("This node is not a swarm manager. Use \"docker swarm init\" or \"docker swarm join\" "
                + "to connect this node to swarm and try again.");
    }

    private static int statusOf(JsonNode error) {
        String message = error.get("message").asText();
        return NOT_FOUND.stream().anyMatch(message::startsWith) ? 404 : 503;
    }

    static boolean matches(Map<String, List<String>> filters, String key, String value) {
        List<String> wanted = filters.get(key);
        return wanted == null || wanted.isEmpty() || wanted.contains(value);
    }

    /** Docker's filters: {"type":["container"]} or the older {"type":{"container":true}}. */
    static Map<String, List<String>> filters(String text) throws IOException {
        Map<String, List<String>> filters = new HashMap<>();
        if (text == null || text.isBlank()) {
            return filters;
        }
        JsonNode tree = SimJson.JSON.readTree(text);
        tree.fields().forEachRemaining(field -> {
            List<String> values = new ArrayList<>();
            if (field.getValue().isArray()) {
                field.getValue().forEach(v -> values.add(v.asText()));
            } else {
                field.getValue().fieldNames().forEachRemaining(values::add);
            }
            filters.put(field.getKey(), values);
        });
        return filters;
    }

    static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null) {
            return query;
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            query.put(key, eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = SimJson.JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void text(HttpExchange exchange, int status, String body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Predicate over events for the filters Docker's /events honours that Envboard sends. */
    static Predicate<ObjectNode> eventFilter(Map<String, List<String>> filters) {
        return event -> {
            String action = event.path("Action").asText();
            List<String> wanted = filters.get("event");
            boolean actionOk = wanted == null || wanted.isEmpty() || wanted.contains(action)
                    || wanted.contains(action.split(":", 2)[0]);
            String actor = event.path("Actor").path("ID").asText();
            String name = event.path("Actor").path("Attributes").path("name").asText();
            List<String> containers = filters.get("container");
            boolean containerOk = containers == null || containers.isEmpty()
                    || containers.contains(actor) || containers.contains(name);
            return actionOk && containerOk && matches(filters, "type", event.path("Type").asText());
        };
    }

    static void frame(OutputStream out, boolean stderr, byte[] payload) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(8);
        header.put((byte) (stderr ? 2 : 1)).put((byte) 0).put((byte) 0).put((byte) 0).putInt(payload.length);
        out.write(header.array());
        out.write(payload);
    }
}
