package dev.envboard.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * One {@code GET /containers/{id}/logs} response, read as a raw byte stream through docker-java's
 * own transport (the client's {@link DockerHttpClient}): docker-java's frame callback allocates
 * and copies per 1 KiB piece and hides entry boundaries (see {@link MultiplexedDecoder}).
 * Closing it from another thread aborts a blocked read.
 */
final class EngineLogStream implements Closeable {
    private static final int MAX_ERROR_BYTES = 64 * 1024;

    private final DockerHttpClient.Response response;
    private final InputStream body;

    private EngineLogStream(DockerHttpClient.Response response) {
        this.response = response;
        this.body = response.getBody();
    }

    /**
     * @param client a client of the STREAM profile (no response timeout)
     * @param tail   lines from the end, or {@link LogOptions#ALL}
     * @param since  {@link LogTimestamps#since} value, or null
     */
    static EngineLogStream open(DockerClient client, String containerId, boolean follow, int tail, String since) {
        if (!(client instanceof DockerClientImpl impl)) {
            throw new IllegalStateException("log streams need docker-java's DockerClientImpl, not " + client.getClass().getName());
        }
        StringBuilder path = new StringBuilder("/containers/")
                .append(URLEncoder.encode(containerId, StandardCharsets.UTF_8))
                .append("/logs?stdout=1&stderr=1&timestamps=1&follow=").append(follow ? 1 : 0)
                .append("&tail=").append(tail == LogOptions.ALL ? "all" : Integer.toString(tail));
        if (since != null) {
            path.append("&since=").append(since);
        }
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET).path(path.toString()).build();
        DockerHttpClient.Response response = impl.getHttpClient().execute(request);
        if (response.getStatusCode() != 200) {
            try (response) {
                throw new LogStreamException(response.getStatusCode(), errorMessage(response));
            }
        }
        return new EngineLogStream(response);
    }

    InputStream body() {
        return body;
    }

    @Override
    public void close() {
        response.close();
    }

    private static String errorMessage(DockerHttpClient.Response response) {
        String text;
        try (InputStream in = response.getBody()) {
            text = new String(in.readNBytes(MAX_ERROR_BYTES), StandardCharsets.UTF_8).trim();
        } catch (IOException | RuntimeException e) {
            return "engine answered " + response.getStatusCode();
        }
        try {
            JsonNode message = new ObjectMapper().readTree(text).path("message");
            if (message.isTextual()) {
                return message.asText();
            }
        } catch (IOException notJson) {
            // the text as it is
        }
        return text.isEmpty() ? "engine answered " + response.getStatusCode() : text;
    }
}
