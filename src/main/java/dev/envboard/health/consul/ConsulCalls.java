package dev.envboard.health.consul;

import com.ecwid.consul.transport.TransportException;
import com.ecwid.consul.v1.ConsulClient;
import com.ecwid.consul.v1.ConsulRawClient;
import com.ecwid.consul.v1.QueryParams;
import com.ecwid.consul.v1.Response;
import com.ecwid.consul.v1.OperationException;
import com.ecwid.consul.v1.catalog.CatalogNodesRequest;
import com.ecwid.consul.v1.catalog.CatalogServicesRequest;
import com.ecwid.consul.v1.catalog.model.Node;
import com.ecwid.consul.v1.health.HealthServicesRequest;
import com.ecwid.consul.v1.health.model.Check;
import com.ecwid.consul.v1.health.model.HealthService;
import dev.envboard.pool.ConsulSpec;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.http.impl.client.CloseableHttpClient;

/**
 * The four Consul reads Envboard makes, through consul-api on our own HttpClient: the service
 * catalog, one service's health, every check, and the node catalog. consul-api is never given
 * the token (it would put it in {@code ?token=}); every failure becomes a {@link ConsulFailure}
 * whose message names no token. Safe to call from several threads; {@link #close()} aborts calls
 * in flight.
 */
public final class ConsulCalls implements AutoCloseable {
    /** Consul adds up to wait/16 of jitter to a blocking query; the read timeout allows that and more. */
    private static final Duration READ_SLACK = Duration.ofSeconds(30);

    private final ConsulSpec spec;
    private final ConsulToken token;
    /** Set by the client's response interceptor, which runs on the calling thread. */
    private static final ThreadLocal<Boolean> FILTERED = new ThreadLocal<>();
    private final CloseableHttpClient http;
    private final ConsulClient consul;
    private final String setupProblem;

    private ConsulCalls(ConsulSpec spec, ConsulToken token, CloseableHttpClient http, String setupProblem) {
        this.spec = spec;
        this.token = token;
        this.http = http;
        this.setupProblem = setupProblem;
        this.consul = http == null ? null : new ConsulClient(new ConsulRawClient(http, spec.address().getScheme() + "://"
                + spec.address().getHost(), spec.address().getPort(), ""));
    }

    /**
     * Never fails: a CA file that cannot be used makes every call fail with the reason instead,
     * so the problem shows where Consul's state shows.
     *
     * @param maxWait     the longest blocking wait that will be asked for
     * @param connections how many calls may be in flight at once (one per blocking watch)
     */
    public static ConsulCalls open(ConsulSpec spec, ConsulToken token, Duration connectTimeout, Duration maxWait, int connections) {
        Duration readTimeout = maxWait.plus(maxWait.dividedBy(16)).plus(READ_SLACK);
        try {
            return new ConsulCalls(spec, token, ConsulHttpClient.build(spec, token, FILTERED, connectTimeout,
                    readTimeout, connections), null);
        } catch (IOException | GeneralSecurityException e) {
            return new ConsulCalls(spec, token, null, "the CA file " + spec.caFile() + " cannot be used: " + e.getMessage());
        }
    }

    public ConsulSpec spec() {
        return spec;
    }

    /** The names of every registered service. */
    public Reply<List<String>> services(Query query) throws ConsulFailure {
        Reply<Map<String, List<String>>> reply = call(() -> consul.getCatalogServices(
                CatalogServicesRequest.newBuilder().setQueryParams(params(query)).build()));
        return new Reply<>(List.copyOf(reply.value().keySet()), reply.index(), reply.filtered());
    }

    /** Every instance of one service with its checks and its node's. */
    public Reply<List<HealthService>> service(String name, Query query) throws ConsulFailure {
        // consul-api pastes the name into the path as it is.
        String segment = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return call(() -> consul.getHealthServices(segment,
                HealthServicesRequest.newBuilder().setQueryParams(params(query)).build()));
    }

    /** Every check of the datacenter ({@code /v1/health/state/any}): node checks have no ServiceID. */
    public Reply<List<Check>> checks(Query query) throws ConsulFailure {
        return call(() -> consul.getHealthChecksState(null, params(query)));
    }

    /** Every node with its address. */
    public Reply<List<Node>> nodes(Query query) throws ConsulFailure {
        return call(() -> consul.getCatalogNodes(CatalogNodesRequest.newBuilder().setQueryParams(params(query)).build()));
    }

    private QueryParams params(Query query) {
        QueryParams.Builder params = QueryParams.Builder.builder().setDatacenter(spec.datacenter());
        if (query.isBlocking()) {
            // consul-api sends whole seconds; Consul caps the wait at 10 minutes itself.
            params.setIndex(query.index()).setWaitTime(Math.max(1, (query.maxWait().toMillis() + 999) / 1000));
        }
        return params.build();
    }

    private <T> Reply<T> call(Supplier<Response<T>> request) throws ConsulFailure {
        if (setupProblem != null) {
            throw new ConsulFailure(ConsulFailure.Kind.UNREACHABLE, setupProblem, null);
        }
        FILTERED.remove();
        try {
            Response<T> response = request.get();
            Long index = response.getConsulIndex();
            return new Reply<>(response.getValue(), index == null ? 0 : index, Boolean.TRUE.equals(FILTERED.get()));
        } catch (OperationException e) {
            throw ConsulErrors.fromStatus(e, token);
        } catch (TransportException e) {
            throw ConsulErrors.fromTransport(e, token);
        } catch (RuntimeException e) {
            // A body consul-api could not parse, or the client closed under us.
            throw new ConsulFailure(ConsulFailure.Kind.UNREACHABLE,
                    token.redact("unexpected answer from " + spec.address() + ": " + e.getMessage()), null);
        } finally {
            FILTERED.remove();
        }
    }

    @Override
    public void close() {
        if (http != null) {
            try {
                // Shuts the connection pool down, leased connections included: blocked reads end at once.
                http.close();
            } catch (IOException e) {
                // Nothing left to do with a client being thrown away.
            }
        }
    }
}
