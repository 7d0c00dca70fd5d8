package dev.envboard.pool.label;

import java.util.Map;

/**
 * Reads an engine's labels as the engine itself reports them now (for a standalone engine,
 * {@code Labels.fromEngineList(client.infoCmd().exec().getLabels())}). Whatever it throws is
 * shown to the user, so it should say which engine could not be read.
 */
@FunctionalInterface
public interface LiveLabels {
    Map<String, String> read() throws Exception;
}
