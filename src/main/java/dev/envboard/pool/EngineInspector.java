package dev.envboard.pool;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import java.util.List;
import java.util.Map;

/** Reads one standalone engine's /info into a Host. */
final class EngineInspector {
    private EngineInspector() {
    }

    static Host host(DockerClient client, PoolSpec pool, EngineSpec engine, int index) {
        Info info = client.infoCmd().exec();
        Map<String, String> labels = Labels.fromEngineList(info.getLabels());
        return new Host(
                HostKey.engine(pool.name(), engine.endpoint()),
                null,
                info.getId(),
                info.getName() == null ? engine.displayName() : info.getName(),
                engine.address(),
                HostRole.STANDALONE,
                HostState.READY,
                Availability.ACTIVE,
                info.getServerVersion(),
                info.getNCPU() == null ? 0 : info.getNCPU(),
                info.getMemTotal() == null ? 0 : info.getMemTotal(),
                info.getContainersRunning() == null ? 0 : info.getContainersRunning(),
                labels,
                labels,
                Labels.environment(labels, pool.labelKey()),
                false,
                index,
                0,
                null,
                List.of());
    }

    /** A placeholder card for an engine that did not answer: it must be seen, not hidden. */
    static Host unreachable(PoolSpec pool, EngineSpec engine, int index, String error) {
        return new Host(HostKey.engine(pool.name(), engine.endpoint()), null, null, engine.displayName(), engine.address(), HostRole.STANDALONE,
                HostState.UNREACHABLE, Availability.ACTIVE, null, 0, 0, 0, Map.of(), Map.of(), null,
                false, index, 0, error, List.of());
    }
}
