package dev.envboard.testing.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * GET /events: one JSON object per line, flushed as it happens, until the client hangs up, the
 * engine closes, or {@code until} has passed. {@code since} replays the engine's recent history.
 */
final class EventStream {
    static final long IDLE_MS = 2000;
    private static final byte[] NEWLINE = {'\n'};
    private final VirtualEngine engine;

    EventStream(VirtualEngine engine) {
        this.engine = engine;
    }

    void serve(HttpExchange exchange, Map<String, List<String>> filters, Map<String, String> query) throws IOException {
        Predicate<ObjectNode> filter = EngineApi.eventFilter(filters);
        Long since = nanos(query.get("since"));
        Long until = nanos(query.get("until"));
        Predicate<ObjectNode> inWindow = e -> until == null || e.path("timeNano").asLong() <= until;
        StreamHub<ObjectNode>.Subscription subscription;
        synchronized (engine.lock) {
            List<ObjectNode> replay = since == null ? List.of()
                    : engine.history.stream().filter(e -> e.path("timeNano").asLong() > since).filter(filter).toList();
            subscription = engine.events.subscribe(filter.and(inWindow), replay);
        }
        try (subscription) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.flush();
            while (until == null || System.currentTimeMillis() * 1_000_000L <= until) {
                ObjectNode event = subscription.next(IDLE_MS);
                if (event == null && subscription.isOver()) {
                    break;
                }
                // Idle: a bare newline (whitespace between JSON values, which readers skip) is how
                // a client that hung up is noticed, so its subscription does not linger.
                out.write(event == null ? NEWLINE : SimJson.JSON.writeValueAsBytes(event));
                if (event != null) {
                    out.write('\n');
                }
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** since/until: Unix seconds, with an optional fraction (EventFeed sends 1700000000.123456789). */
    private static Long nanos(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return new BigDecimal(text.trim()).movePointRight(9).longValue();
    }
}
