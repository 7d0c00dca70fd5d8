package dev.envboard.testing;

import dev.envboard.pool.Availability;
import dev.envboard.pool.Host;
import dev.envboard.pool.HostKey;
import dev.envboard.pool.HostRole;
import dev.envboard.pool.HostState;
import java.util.List;
import java.util.Map;

/** Hosts for unit tests, built as the inspectors build them, with only what a test cares about set. */
public final class TestHosts {
    private TestHosts() {
    }

    /** A reachable standalone engine of pool "lab" at {@code tcp://NAME:2376} (index 0 unless set). */
    public static Builder standalone(String hostname) {
        return new Builder(HostKey.engine("lab", dev.envboard.docker.EndpointSpec.parse("tcp://" + hostname + ":2376",
                null, true)), null, hostname, HostRole.STANDALONE, 0);
    }

    /** A ready Swarm worker of pool "lab" with node ID {@code id-NAME}. */
    public static Builder node(String hostname) {
        return new Builder(HostKey.node("lab", "id-" + hostname), "id-" + hostname, hostname, HostRole.WORKER, -1);
    }

    public static final class Builder {
        private HostKey key;
        private final String nodeId;
        private String engineId;
        private final String hostname;
        private String address;
        private HostRole role;
        private HostState state = HostState.READY;
        private Map<String, String> labels = Map.of();
        private String environment;
        private String labelKey = "environment";
        private int engineIndex;
        private String error;

        private Builder(HostKey key, String nodeId, String hostname, HostRole role, int engineIndex) {
            this.key = key;
            this.nodeId = nodeId;
            this.hostname = hostname;
            this.role = role;
            this.engineIndex = engineIndex;
            this.engineId = nodeId == null ? "ENGINE-" + hostname.toUpperCase() : null;
        }

        /** The same pool entry as another host: for tests of one host seen twice. */
        public Builder key(HostKey value) {
            key = value;
            return this;
        }

        public Builder endpoint(String uri) {
            key = HostKey.engine(key.pool(), dev.envboard.docker.EndpointSpec.parse(uri, null, true));
            return this;
        }

        public Builder engineId(String value) {
            engineId = value;
            return this;
        }

        public Builder address(String value) {
            address = value;
            return this;
        }

        public Builder role(HostRole value) {
            role = value;
            return this;
        }

        public Builder state(HostState value) {
            state = value;
            return this;
        }

        public Builder index(int value) {
            engineIndex = value;
            return this;
        }

        public Builder error(String value) {
            error = value;
            return this;
        }

        /** Labels besides the environment, which {@link #in} sets. */
        public Builder labels(Map<String, String> value) {
            labels = Map.copyOf(value);
            return this;
        }

        public Builder in(String value) {
            environment = value;
            return this;
        }

        public Host build() {
            Map<String, String> all = new java.util.HashMap<>(labels);
            if (environment != null) {
                all.put(labelKey, environment);
            }
            return new Host(key, nodeId, engineId, hostname, address, role, state, Availability.ACTIVE, "27.0", 2,
                    1L << 30, 0, all, role == HostRole.STANDALONE ? all : Map.of(), environment, false, engineIndex, 1,
                    error, List.of());
        }
    }
}
