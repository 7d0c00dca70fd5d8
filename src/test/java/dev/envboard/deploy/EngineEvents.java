package dev.envboard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envboard.testing.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Container events an engine recorded in a time window, read afterwards with docker events --since/--until. */
final class EngineEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event: the engine that recorded it, its position in that engine's stream, and what happened. */
    record Event(String engine, int order, String action, String containerId, long timeNano, String exitCode) {
    }

    private EngineEvents() {
    }

    static List<Event> read(Sandbox sandbox, Sandbox.Engine engine, Instant since, Instant until) {
        String out = sandbox.docker(engine, "events", "--since", seconds(since), "--until", seconds(until),
                "--filter", "type=container", "--filter", "event=create", "--filter", "event=die",
                "--filter", "event=destroy", "--format", "{{json .}}");
        List<Event> events = new ArrayList<>();
        for (String line : out.lines().filter(l -> !l.isBlank()).toList()) {
            try {
                JsonNode node = JSON.readTree(line);
                JsonNode attributes = node.path("Actor").path("Attributes");
                events.add(new Event(engine.name(), events.size(), node.path("Action").asText(), node.path("Actor").path("ID").asText(),
                        node.path("timeNano").asLong(), attributes.path("exitCode").asText(null)));
            } catch (IOException e) {
                throw new UncheckedIOException("docker events printed " + line, e);
            }
        }
        return events;
    }

    private static String seconds(Instant at) {
        return at.getEpochSecond() + "." + String.format("%09d", at.getNano());
    }
}
