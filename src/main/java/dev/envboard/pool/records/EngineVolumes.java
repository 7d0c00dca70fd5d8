package dev.envboard.pool.records;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Records as labelled volumes on one standalone engine: engines have no configs, and a volume with
 * only labels costs nothing (no container uses it, the local driver makes an empty folder).
 */
final class EngineVolumes implements RecordPlace {
    private final String name;
    private final DockerClient engine;

    EngineVolumes(String name, DockerClient engine) {
        this.name = name;
        this.engine = engine;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Stored> list(String kind) {
        List<Stored> stored = new ArrayList<>();
        List<InspectVolumeResponse> volumes = engine.listVolumesCmd()
                .withFilter("label", List.of(RecordLabels.kindFilter(kind))).exec().getVolumes();
        for (InspectVolumeResponse volume : volumes == null ? List.<InspectVolumeResponse>of() : volumes) {
            Map<String, String> labels = volume.getLabels() == null ? Map.of() : volume.getLabels();
            RecordLabels.read(labels, name).ifPresent(record -> stored.add(new Stored(volume.getName(), record)));
        }
        return stored;
    }

    /** Volume creation succeeds for a name that exists: the labels tell whether it is ours. */
    @Override
    public boolean create(String objectName, Map<String, String> labels) {
        engine.createVolumeCmd().withName(objectName).withDriver("local").withLabels(labels).exec();
        return labels.equals(engine.inspectVolumeCmd(objectName).exec().getLabels());
    }

    @Override
    public void remove(String handle) {
        try {
            engine.removeVolumeCmd(handle).exec();
        } catch (NotFoundException gone) {
            // Another Envboard removed it first: what we wanted.
        }
    }
}
