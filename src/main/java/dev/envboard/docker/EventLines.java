package dev.envboard.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.core.DockerClientConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Splits an /events body into its lines (the engine writes one JSON object per line) and decodes
 * each with docker-java's own mapper into its Event model, so listeners see what docker-java
 * would give them. Blank lines are skipped; a line is at most {@link #MAX_LINE} bytes.
 */
final class EventLines {
    static final int MAX_LINE = 1024 * 1024;
    private static final ObjectMapper JSON = DockerClientConfig.getDefaultObjectMapper();

    /** A buffer grown past this by a long line is let go, so idle streams hold little. */
    private static final int KEEP = 64 * 1024;

    private ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
    private final Consumer<Event> events;

    EventLines(Consumer<Event> events) {
        this.events = events;
    }

    /** Takes what arrived; every complete line is decoded and passed on. */
    void feed(ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            byte b = data.get();
            if (b == '\n') {
                decode();
            } else {
                if (line.size() >= MAX_LINE) {
                    throw new IOException("the engine sent an event line longer than " + MAX_LINE + " bytes");
                }
                line.write(b);
            }
        }
    }

    /** The body ended: a last line without its newline still counts. */
    void finish() throws IOException {
        decode();
    }

    private void decode() throws IOException {
        byte[] bytes = line.toByteArray();
        if (bytes.length > KEEP) {
            line = new ByteArrayOutputStream(1024);
        } else {
            line.reset();
        }
        if (blank(bytes)) {
            return;
        }
        Event event;
        try {
            event = JSON.readValue(bytes, Event.class);
        } catch (JsonProcessingException e) {
            throw new IOException("the engine sent an event that is not JSON: " + e.getOriginalMessage(), e);
        }
        events.accept(event);
    }

    private static boolean blank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
