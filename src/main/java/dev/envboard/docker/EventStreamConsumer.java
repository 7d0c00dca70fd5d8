package dev.envboard.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.DockerException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/** Reads one /events answer as it arrives, on the I/O thread: decode, hand over, never block. */
final class EventStreamConsumer implements AsyncResponseConsumer<Void> {
    private static final int MAX_ERROR_BODY = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SerialDelivery delivery;
    private final EventLines lines;
    private FutureCallback<Void> result;
    private int status;
    private ByteArrayOutputStream errorBody;
    private boolean overflow;

    EventStreamConsumer(SerialDelivery delivery) {
        this.delivery = delivery;
        this.lines = new EventLines(event -> overflow |= !delivery.event(event));
    }

    @Override
    public void consumeResponse(HttpResponse response, EntityDetails entity, HttpContext context, FutureCallback<Void> resultCallback) {
        result = resultCallback;
        status = response.getCode();
        if (status == 200) {
            delivery.started();
        } else {
            errorBody = new ByteArrayOutputStream();
        }
        if (entity == null) {
            streamEnd(List.of());
        }
    }

    @Override
    public void informationResponse(HttpResponse response, HttpContext context) {
        // 1xx: nothing to do
    }

    @Override
    public void updateCapacity(CapacityChannel channel) throws IOException {
        // Read everything at once: SerialDelivery bounds what waits for the listener.
        channel.update(Integer.MAX_VALUE);
    }

    @Override
    public void consume(ByteBuffer data) throws IOException {
        if (delivery.isClosed()) {
            // Closed, yet bytes still come (a cancel that did not reach the connection): failing
            // the exchange drops the connection, so the engine's end of the stream goes too.
            throw new IOException("the event stream was closed");
        }
        if (errorBody != null) {
            int n = Math.min(data.remaining(), MAX_ERROR_BODY - errorBody.size());
            byte[] bytes = new byte[n];
            data.get(bytes);
            errorBody.write(bytes);
            data.position(data.limit());
            return;
        }
        lines.feed(data);
        if (overflow) {
            throw new IOException("more than " + SerialDelivery.MAX_WAITING
                    + " events waited for the listener; resuming from the last one it took");
        }
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) {
        if (result == null) {
            return;
        }
        if (errorBody != null) {
            result.failed(new DockerException(message(errorBody.toByteArray()), status));
            return;
        }
        try {
            lines.finish();
            result.completed(null);
        } catch (IOException e) {
            result.failed(e);
        }
    }

    @Override
    public void failed(Exception cause) {
        if (result != null) {
            result.failed(cause);
        }
    }

    @Override
    public void releaseResources() {
        // nothing held beyond the buffers
    }

    /** The engine's {"message": ...}, else the body as text. */
    private String message(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).trim();
        try {
            JsonNode json = JSON.readTree(body);
            if (json != null && json.hasNonNull("message")) {
                return json.get("message").asText();
            }
        } catch (IOException notJson) {
            // a plain-text answer: use it as it is
        }
        return text.isEmpty() ? "status " + status : text;
    }
}
