package dev.envboard.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.core.SSLConfig;
import dev.envboard.runtime.OffFxThread;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Creates and caches docker-java clients per endpoint. Three profiles, because a read timeout
 * that suits an API call would cut an idle event stream, and a stop with a grace period
 * legitimately takes long.
 */
public final class DockerClients implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DockerClients.class.getName());

    public enum Profile {
        /** Inspections and lists: an unreachable host must be reported within seconds. */
        QUICK(Duration.ofSeconds(3), Duration.ofSeconds(15)),
        /** Calls the engine answers only when done: stop with grace period, image import. */
        SLOW(Duration.ofSeconds(3), Duration.ofMinutes(10)),
        /** Event and log streams: idle for long stretches; watchdogs catch dead ones. */
        STREAM(Duration.ofSeconds(3), Duration.ZERO);

        final Duration connect;
        final Duration response;

        Profile(Duration connect, Duration response) {
            this.connect = connect;
            this.response = response;
        }
    }

    private record Key(EndpointSpec endpoint, Profile profile) {
    }

    private final Map<Key, DockerClient> clients = new ConcurrentHashMap<>();
    private final Object eventsLock = new Object();
    private MultiplexedEvents multiplexed;
    private volatile boolean closed;

    public DockerClient quick(EndpointSpec endpoint) {
        return client(endpoint, Profile.QUICK);
    }

    public DockerClient slow(EndpointSpec endpoint) {
        return client(endpoint, Profile.SLOW);
    }

    public DockerClient stream(EndpointSpec endpoint) {
        return client(endpoint, Profile.STREAM);
    }

    /**
     * Where EventFeeds get this engine's /events: tcp engines (TLS or not) share one multiplexed
     * client, a few threads for all of them; unix sockets (and an engine already followed with
     * other TLS files) keep docker-java's streaming, a thread per open stream.
     */
    public EventSource events(EndpointSpec endpoint) {
        OffFxThread.check("DockerClients.events");
        if (!endpoint.isUnix()) {
            EventSource shared = multiplexed().source(endpoint);
            if (shared != null) {
                return shared;
            }
        }
        return new DockerJavaEvents(stream(endpoint));
    }

    private MultiplexedEvents multiplexed() {
        synchronized (eventsLock) {
            if (closed) {
                throw new IllegalStateException("docker clients are closed");
            }
            if (multiplexed == null) {
                multiplexed = new MultiplexedEvents();
            }
            return multiplexed;
        }
    }

    public DockerClient client(EndpointSpec endpoint, Profile profile) {
        if (closed) {
            throw new IllegalStateException("docker clients are closed");
        }
        return clients.computeIfAbsent(new Key(endpoint, profile), k -> create(k.endpoint(), k.profile()));
    }

    /** Builds a client without caching it; the caller closes it. */
    public static DockerClient create(EndpointSpec endpoint, Profile profile) {
        OffFxThread.check("DockerClients.create");
        refuseUnsafe(endpoint);
        SSLConfig ssl = endpoint.usesTls() ? TlsFiles.load(endpoint.tlsDir()) : null;
        // Built from scratch, not createDefaultConfigBuilder(): that one reads DOCKER_* variables
        // and would let the environment change which engine a configured pool talks to.
        DefaultDockerClientConfig config = new DefaultDockerClientConfig.Builder()
                .withDockerHost(endpoint.uri().toString())
                .withDockerTlsVerify(endpoint.usesTls())
                .withCustomSslConfig(ssl)
                .build();
        ApacheDockerHttpClient.Builder http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(ssl)
                .maxConnections(64)
                .connectionTimeout(profile.connect);
        if (!profile.response.isZero()) {
            http.responseTimeout(profile.response);
        }
        return DockerClientImpl.getInstance(new SharedMapperConfig(config), http.build());
    }

    /**
     * docker-java gives every client its own copy of its ObjectMapper, and each copy introspects
     * the Engine API model classes again: with a client per engine and profile (1 400 for 700
     * engines) that was about 400 MB of heap of the same Jackson metadata. One mapper, configured
     * once and then only read (thread-safe), serves them all.
     */
    private static final class SharedMapperConfig extends com.github.dockerjava.core.DockerClientConfigDelegate {
        private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
                com.github.dockerjava.core.DockerClientConfig.getDefaultObjectMapper();

        SharedMapperConfig(com.github.dockerjava.core.DockerClientConfig config) {
            super(config);
        }

        @Override
        public com.fasterxml.jackson.databind.ObjectMapper getObjectMapper() {
            return MAPPER;
        }
    }

    /** Plain tcp to another machine is refused unless the pool says insecure: true. */
    static void refuseUnsafe(EndpointSpec endpoint) {
        if (endpoint.isPlainRemote() && !endpoint.insecure()) {
            throw new EndpointRefusedException("plain tcp to " + endpoint.host().orElseThrow()
                    + " is refused: configure tls, or insecure: true");
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (eventsLock) {
            if (multiplexed != null) {
                multiplexed.close();
                multiplexed = null;
            }
        }
        for (DockerClient client : clients.values()) {
            try {
                client.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing docker client", e);
            }
        }
        clients.clear();
    }
}
