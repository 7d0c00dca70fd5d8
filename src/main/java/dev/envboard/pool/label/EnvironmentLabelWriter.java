package dev.envboard.pool.label;

/**
 * Changes one host's environment label where the pool keeps it (Swarm node spec, or daemon.json)
 * and returns only once the engine shows the new value. Blocking: call off the FX thread.
 */
public interface EnvironmentLabelWriter {
    /**
     * @param value the new environment, or null to remove the label (unassigned)
     * @throws LabelChangeException when the change was refused, failed, or could not be verified;
     *                              the host is then left as it was
     */
    void write(String key, String value) throws LabelChangeException;
}
