package dev.envboard.testing.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.LongAdder;

/**
 * One simulated Docker engine on its own loopback port: its /info labels, its containers, its
 * event history and live streams. State is guarded by the simulator's lock.
 */
public final class VirtualEngine implements AutoCloseable {
    /** Events kept for since= replays (EventFeed resumes with since= after a reconnect). */
    static final int HISTORY = 1000;

    final String id;
    final String name;
    /** The address pools.yaml gives the host (shown on cards); the API itself is on 127.0.0.1. */
    final String address;
    final Map<String, String> labels = new LinkedHashMap<>();
    final Map<String, VirtualContainer> containers = new LinkedHashMap<>();
    final Deque<ObjectNode> history = new ArrayDeque<>();
    final StreamHub<ObjectNode> events = new StreamHub<>();
    final StreamHub<LogFrame> logs = new StreamHub<>();
    final Object lock;
    VirtualSwarm swarm;
    VirtualNode node;
    /** Requests answered, by path without the API version (tests check what a refresh asks). */
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private HttpServer server;
    private int port;

    /** One log line on its way to followers of a container's logs. */
    record LogFrame(String containerId, VirtualContainer.LogEntry entry) {
    }

    VirtualEngine(String id, String name, String address, Object lock) {
        this.id = id;
        this.name = name;
        this.address = address;
        this.lock = lock;
    }

    void start(ExecutorService executor) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", new EngineApi(this));
        server.setExecutor(executor);
        server.start();
        port = server.getAddress().getPort();
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** The endpoint Envboard dials: plain tcp on loopback, which it accepts without TLS. */
    public String endpoint() {
        return "tcp://127.0.0.1:" + port();
    }

    public List<VirtualContainer> containers() {
        synchronized (lock) {
            return List.copyOf(containers.values());
        }
    }

    public Map<String, String> labels() {
        synchronized (lock) {
            return Map.copyOf(labels);
        }
    }

    /** Records and streams one event. Called under the lock, so streams see events in order. */
    void emit(ObjectNode event) {
        if (history.size() == HISTORY) {
            history.removeFirst();
        }
        history.addLast(event);
        events.publish(event);
    }

    void counted(String path) {
        requests.computeIfAbsent(path, p -> new LongAdder()).increment();
    }

    /** How many requests for this path (e.g. "/info") the engine has had. */
    public long requests(String path) {
        LongAdder count = requests.get(path);
        return count == null ? 0 : count.sum();
    }

    /** Open /events streams (tests wait for Envboard's subscriptions before changing state). */
    public int eventSubscribers() {
        return events.subscribers();
    }

    @Override
    public void close() {
        events.close();
        logs.close();
        if (server != null) {
            server.stop(0);
        }
    }
}
