package dev.envboard.pool.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.nio.charset.StandardCharsets;
import dev.envboard.docker.RawApi;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Records as Swarm config objects: the managers replicate them, so every manager answers with the
 * same records. docker-java's ConfigSpec has no labels field, so the list is read as plain JSON.
 */
final class SwarmConfigs implements RecordPlace {
    static final String LOCATION = "swarm";
    private final DockerClient manager;

    SwarmConfigs(DockerClient manager) {
        this.manager = manager;
    }

    @Override
    public String name() {
        return LOCATION;
    }

    @Override
    public List<Stored> list(String kind) {
        List<Stored> stored = new ArrayList<>();
        JsonNode configs = RawApi.get(manager, "/configs", Map.of("label", List.of(RecordLabels.kindFilter(kind))));
        for (JsonNode config : configs) {
            Map<String, String> labels = new HashMap<>();
            config.path("Spec").path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            // The API removes configs by ID, not by name.
            RecordLabels.read(labels, LOCATION).ifPresent(record -> stored.add(new Stored(config.path("ID").asText(), record)));
        }
        return stored;
    }

    @Override
    public boolean create(String objectName, Map<String, String> labels) {
        try {
            manager.createConfigCmd().withName(objectName).withLabels(labels).withData(readable(labels)).exec();
            return true;
        } catch (ConflictException exists) {
            return false;
        }
    }

    /** The labels again as the config's content, so `docker config inspect --pretty` shows the record. */
    private static byte[] readable(Map<String, String> labels) {
        StringBuilder text = new StringBuilder("# Envboard record: its labels are the data\n");
        new TreeMap<>(labels).forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void remove(String handle) {
        try {
            manager.removeConfigCmd(handle).exec();
        } catch (NotFoundException gone) {
            // Another Envboard removed it first: what we wanted.
        }
    }
}
