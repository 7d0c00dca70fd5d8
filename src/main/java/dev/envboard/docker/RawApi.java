package dev.envboard.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Engine API calls whose answer docker-java's models drop (e.g. a Swarm config's labels: its
 * ConfigSpec has only a name), made through the same client's HTTP transport and TLS.
 */
public final class RawApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 16 * 1024 * 1024;

    private RawApi() {
    }

    /** GET path?filters=... and the JSON answer; throws like docker-java for a non-2xx status. */
    public static JsonNode get(DockerClient client, String path, Map<String, List<String>> filters) {
        if (!(client instanceof DockerClientImpl impl)) {
            throw new IllegalArgumentException("a raw API call needs a client built by DockerClients");
        }
        String query = filters.isEmpty() ? "" : "?filters=" + URLEncoder.encode(write(filters), StandardCharsets.UTF_8);
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET).path(path + query).build();
        try (DockerHttpClient.Response response = impl.getHttpClient().execute(request);
             InputStream body = response.getBody()) {
            byte[] bytes = body.readNBytes(MAX_BODY);
            if (response.getStatusCode() / 100 != 2) {
                throw new com.github.dockerjava.api.exception.DockerException(
                        new String(bytes, StandardCharsets.UTF_8).trim(), response.getStatusCode());
            }
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + ": " + e.getMessage(), e);
        }
    }

    private static String write(Map<String, List<String>> filters) {
        try {
            return JSON.writeValueAsString(filters);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
