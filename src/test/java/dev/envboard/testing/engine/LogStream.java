package dev.envboard.testing.engine;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * GET /containers/{id}/logs in the multiplexed format of a non-TTY container: per line an 8-byte
 * header (stream 1 or 2, three zero bytes, big-endian length) and the line; follow=1 keeps the
 * response open for new lines.
 */
final class LogStream {
    private final VirtualEngine engine;

    LogStream(VirtualEngine engine) {
        this.engine = engine;
    }

    void serve(HttpExchange exchange, String idOrName, Map<String, String> query) throws IOException {
        boolean stdout = on(query.get("stdout"));
        boolean stderr = on(query.get("stderr"));
        boolean follow = on(query.get("follow"));
        boolean timestamps = on(query.get("timestamps"));
        StreamHub<VirtualEngine.LogFrame>.Subscription subscription;
        List<VirtualContainer.LogEntry> backlog;
        String id;
        synchronized (engine.lock) {
            VirtualContainer container = new EngineApi(engine).find(idOrName);
            if (container == null) {
                EngineApi.json(exchange, 404, SimJson.error("No such container: " + idOrName));
                return;
            }
            id = container.id;
            backlog = tail(container.logs(), query.get("tail"));
            subscription = follow ? engine.logs.subscribe(f -> f.containerId().equals(id), List.of()) : null;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.docker.multiplexed-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (VirtualContainer.LogEntry entry : backlog) {
            write(out, entry, stdout, stderr, timestamps);
        }
        out.flush();
        if (subscription == null) {
            return;
        }
        try (subscription) {
            while (true) {
                VirtualEngine.LogFrame frame = subscription.next(EventStream.IDLE_MS);
                if (frame == null && subscription.isOver()) {
                    break;
                }
                if (frame != null) {
                    write(out, frame.entry(), stdout, stderr, timestamps);
                    out.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(OutputStream out, VirtualContainer.LogEntry entry, boolean stdout, boolean stderr,
                              boolean timestamps) throws IOException {
        if (entry.stderr() ? !stderr : !stdout) {
            return;
        }
        String line = (timestamps ? entry.time() + " " : "") + entry.line() + "\n";
        EngineApi.frame(out, entry.stderr(), line.getBytes(StandardCharsets.UTF_8));
    }

    private static List<VirtualContainer.LogEntry> tail(List<VirtualContainer.LogEntry> all, String tail) {
        if (tail == null || tail.isBlank() || tail.equals("all")) {
            return all;
        }
        int n = Integer.parseInt(tail.trim());
        return n >= all.size() ? all : all.subList(all.size() - n, all.size());
    }

    private static boolean on(String flag) {
        return "1".equals(flag) || "true".equalsIgnoreCase(flag);
    }
}
