package dev.envboard.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small deterministic Consul HTTP API on 127.0.0.1 (port 0) for tests and the benchmark: the
 * four reads Envboard makes, with blocking queries (a request whose index is current is held
 * until the data changes or its wait runs out), per-table indexes from one Raft-like counter,
 * ACL token checking (403), the ACL-filtered header, a restore that sends indexes backwards, and
 * going down (connections dropped, port closed) and coming back on the same port.
 */
public final class ConsulDouble implements AutoCloseable {
    /** One request as received; {@code held} when it waited at the double for a change. */
    public record Request(String path, String query, String token, long index, boolean held, boolean wokenByChange) {
    }

    private record Service(String id, String name, String node, List<String> tags, Map<String, String> meta, String address) {
    }

    private record Check(String node, String id, String name, String status, String notes, String output,
                         String serviceId, String serviceName) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // Consul (Go's net/http) sends with TCP_NODELAY; the JDK server does not by default, and its
        // header and body writes would then wait on the client's delayed ACK (~40 ms) on a kept-alive connection.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    public static final String FILTERED_HEADER = "X-Consul-Results-Filtered-By-ACLs";

    private final Object lock = new Object();
    private final Map<String, String> nodes = new TreeMap<>();
    private final Map<String, Service> services = new TreeMap<>();
    private final Map<String, Check> checks = new LinkedHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Request> arrivals = new CopyOnWriteArrayList<>();
    private final ExecutorService handlers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "consul-double");
        t.setDaemon(true);
        return t;
    });
    private long raft = 10;
    private long servicesIndex = 10;
    private long checksIndex = 10;
    private long nodesIndex = 10;
    private int held;
    private boolean down;
    private volatile String requiredToken;
    private volatile boolean filtered;
    private HttpServer server;
    private final int port;

    private ConsulDouble() throws IOException {
        server = bind(0);
        port = server.getAddress().getPort();
    }

    public static ConsulDouble start() throws IOException {
        return new ConsulDouble();
    }

    public int port() {
        return port;
    }

    public String address() {
        return "http://127.0.0.1:" + port;
    }

    // ---- content ----

    public void node(String name, String address) {
        synchronized (lock) {
            nodes.put(name, address);
            nodesIndex = ++raft;
            putCheck(new Check(name, "serfHealth", "Serf Health Status", "passing", "", "Agent alive and reachable", "", ""));
        }
    }

    /** Registers a service instance with one check {@code service:ID}, passing. */
    public void service(String id, String name, String node, List<String> tags, Map<String, String> meta) {
        synchronized (lock) {
            services.put(id, new Service(id, name, node, List.copyOf(tags), Map.copyOf(meta), ""));
            servicesIndex = ++raft;
            putCheck(new Check(node, "service:" + id, "Service '" + name + "' check", "passing", "", "HTTP GET: 200 OK", id, name));
        }
    }

    public void deregister(String id) {
        synchronized (lock) {
            services.remove(id);
            checks.values().removeIf(c -> c.serviceId().equals(id));
            servicesIndex = ++raft;
            checksIndex = raft;
            lock.notifyAll();
        }
    }

    /** Sets the status (and output) of a check by node and check id. */
    public void setCheck(String node, String checkId, String status, String output) {
        synchronized (lock) {
            Check c = checks.get(node + "/" + checkId);
            if (c == null) {
                throw new IllegalArgumentException("no check " + checkId + " on " + node);
            }
            putCheck(new Check(c.node(), c.id(), c.name(), status, c.notes(), output, c.serviceId(), c.serviceName()));
        }
    }

    public void nodeMaintenance(String node, String reason) {
        synchronized (lock) {
            putCheck(new Check(node, "_node_maintenance", "Node Maintenance Mode", "critical", reason, "", "", ""));
        }
    }

    public void serviceMaintenance(String serviceId, String reason) {
        synchronized (lock) {
            Service s = services.get(serviceId);
            putCheck(new Check(s.node(), "_service_maintenance:" + serviceId, "Service Maintenance Mode", "critical", reason, "",
                    serviceId, s.name()));
        }
    }

    /**
     * What a snapshot restore (or a fresh leader) does: every index drops to {@code index} and held
     * queries are answered with it; the check given changes status at the same time.
     */
    public void restoreTo(long index, String node, String checkId, String status) {
        synchronized (lock) {
            Check c = checks.get(node + "/" + checkId);
            checks.put(node + "/" + checkId, new Check(c.node(), c.id(), c.name(), status, c.notes(), c.output(),
                    c.serviceId(), c.serviceName()));
            raft = index;
            servicesIndex = index;
            checksIndex = index;
            nodesIndex = index;
            lock.notifyAll();
        }
    }

    private void putCheck(Check check) {
        checks.put(check.node() + "/" + check.id(), check);
        checksIndex = ++raft;
        lock.notifyAll();
    }

    // ---- behaviour ----

    public void requireToken(String token) {
        requiredToken = token;
    }

    public void filteredByAcls(boolean on) {
        filtered = on;
    }

    /** Drops held queries' connections and closes the port: requests are refused until {@link #up()}. */
    public void down() {
        synchronized (lock) {
            if (down) {
                return;
            }
            down = true;
            lock.notifyAll();
        }
        server.stop(0);
    }

    public void up() throws IOException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try {
                server = bind(port);
                break;
            } catch (BindException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        synchronized (lock) {
            down = false;
        }
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests in the order they arrived (held ones included), as {@link #requests()} lists them once answered. */
    public List<Request> arrivals(String path) {
        return arrivals.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Requests as answered (or dropped), in that order, with whether they were held. */
    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Requests held at this moment, waiting for a change. */
    public int held() {
        synchronized (lock) {
            return held;
        }
    }

    public long checksIndex() {
        synchronized (lock) {
            return checksIndex;
        }
    }

    @Override
    public void close() {
        down();
        handlers.shutdownNow();
    }

    private HttpServer bind(int onPort) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
        s.setExecutor(handlers);
        s.createContext("/", this::handle);
        s.start();
        return s;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String rawQuery = exchange.getRequestURI().getRawQuery();
            Map<String, String> query = parse(rawQuery);
            String token = exchange.getRequestHeaders().getFirst("X-Consul-Token");
            long index = query.containsKey("index") ? Long.parseLong(query.get("index")) : 0;
            arrivals.add(new Request(path, rawQuery, token, index, false, false));
            String required = requiredToken;
            if (required != null && !required.equals(token)) {
                requests.add(new Request(path, rawQuery, token, index, false, false));
                send(exchange, 403, "ACL not found", 0);
                return;
            }
            long waitMillis = query.containsKey("wait") ? millis(query.get("wait")) : 0;
            boolean wasHeld = false;
            boolean woken = false;
            long answerIndex;
            Object body;
            synchronized (lock) {
                long deadline = System.currentTimeMillis() + waitMillis;
                // Consul holds a query whose index is current; a restore (index moved either way) answers it.
                while (!down && index > 0 && indexOf(path) == index && System.currentTimeMillis() < deadline) {
                    wasHeld = true;
                    held++;
                    try {
                        lock.wait(Math.max(1, deadline - System.currentTimeMillis()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } finally {
                        held--;
                    }
                }
                if (down) {
                    // The connection just drops, as when the agent dies.
                    requests.add(new Request(path, rawQuery, token, index, wasHeld, false));
                    return;
                }
                woken = wasHeld && indexOf(path) != index;
                answerIndex = indexOf(path);
                body = body(path);
            }
            requests.add(new Request(path, rawQuery, token, index, wasHeld, woken));
            if (body == null) {
                send(exchange, 404, "no such endpoint " + path, answerIndex);
                return;
            }
            send(exchange, 200, JSON.writeValueAsString(body), answerIndex);
        }
    }

    private long indexOf(String path) {
        if (path.equals("/v1/catalog/services")) {
            return servicesIndex;
        }
        if (path.equals("/v1/catalog/nodes")) {
            return nodesIndex;
        }
        if (path.equals("/v1/health/state/any")) {
            return checksIndex;
        }
        return Math.max(servicesIndex, checksIndex);
    }

    private Object body(String path) {
        if (path.equals("/v1/catalog/services")) {
            Map<String, TreeSet<String>> byName = new TreeMap<>();
            services.values().forEach(s -> byName.computeIfAbsent(s.name(), n -> new TreeSet<>()).addAll(s.tags()));
            return byName;
        }
        if (path.equals("/v1/catalog/nodes")) {
            return nodes.entrySet().stream().map(e -> nodeJson(e.getKey())).toList();
        }
        if (path.equals("/v1/health/state/any")) {
            return checks.values().stream().map(ConsulDouble::checkJson).toList();
        }
        if (path.startsWith("/v1/health/service/")) {
            String name = URLDecoder.decode(path.substring("/v1/health/service/".length()), StandardCharsets.UTF_8);
            List<Object> entries = new ArrayList<>();
            for (Service s : services.values()) {
                if (!s.name().equals(name)) {
                    continue;
                }
                Map<String, Object> service = new LinkedHashMap<>();
                service.put("ID", s.id());
                service.put("Service", s.name());
                service.put("Tags", s.tags());
                service.put("Address", s.address());
                service.put("Meta", s.meta());
                service.put("Port", 8080);
                List<Map<String, Object>> own = checks.values().stream()
                        .filter(c -> c.node().equals(s.node()) && (c.serviceId().isEmpty() || c.serviceId().equals(s.id())))
                        .map(ConsulDouble::checkJson).toList();
                entries.add(Map.of("Node", nodeJson(s.node()), "Service", service, "Checks", own));
            }
            return entries;
        }
        return null;
    }

    private Map<String, Object> nodeJson(String name) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("ID", "id-" + name);
        node.put("Node", name);
        node.put("Address", nodes.getOrDefault(name, ""));
        node.put("Datacenter", "dc1");
        node.put("TaggedAddresses", Map.of());
        node.put("Meta", Map.of());
        return node;
    }

    private static Map<String, Object> checkJson(Check c) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("Node", c.node());
        check.put("CheckID", c.id());
        check.put("Name", c.name());
        check.put("Status", c.status());
        check.put("Notes", c.notes());
        check.put("Output", c.output());
        check.put("ServiceID", c.serviceId());
        check.put("ServiceName", c.serviceName());
        check.put("ServiceTags", List.of());
        return check;
    }

    private void send(HttpExchange exchange, int status, String body, long index) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status == 200 ? "application/json" : "text/plain");
        if (index > 0) {
            exchange.getResponseHeaders().set("X-Consul-Index", Long.toString(index));
        }
        exchange.getResponseHeaders().set("X-Consul-Knownleader", "true");
        exchange.getResponseHeaders().set("X-Consul-Lastcontact", "0");
        if (filtered && status == 200) {
            exchange.getResponseHeaders().set(FILTERED_HEADER, "true");
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> parse(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            params.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    /** Consul's durations: {@code 300s}, {@code 5m}, {@code 1500ms}. */
    private static long millis(String wait) {
        if (wait.endsWith("ms")) {
            return Long.parseLong(wait.substring(0, wait.length() - 2));
        }
        long n = Long.parseLong(wait.substring(0, wait.length() - 1));
        return switch (wait.charAt(wait.length() - 1)) {
            case 's' -> n * 1000;
            case 'm' -> n * 60_000;
            case 'h' -> n * 3_600_000;
            default -> throw new UncheckedIOException(new IOException("bad wait " + wait));
        };
    }
}
