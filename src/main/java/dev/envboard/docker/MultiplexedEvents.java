package dev.envboard.docker;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.core.util.FiltersEncoder;
import dev.envboard.runtime.AppExecutors;
import java.io.Closeable;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.nio.support.AsyncRequestBuilder;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * Every tcp engine's /events streams on one non-blocking client (httpclient5's async client):
 * {@link #IO_THREADS} selector threads (and the client's main thread) read all open streams, and
 * at most {@link #DISPATCH_THREADS} threads hand their events to the listeners. docker-java's streaming holds a thread per open
 * stream instead, which with hundreds of engines (and three watches each) means hundreds of threads.
 * Streams have no read timeout (an idle stream is quiet for hours); EventFeed's watchdog finds dead ones.
 */
public final class MultiplexedEvents implements AutoCloseable {
    static final int IO_THREADS = 2;
    static final int DISPATCH_THREADS = 2;
    /** All the threads it starts, however many engines it follows. */
    static final int THREADS = IO_THREADS + 1 + DISPATCH_THREADS;
    /** Open streams at most; each holds a connection, and at most one dispatch task waits for each. */
    static final int MAX_STREAMS = 20_000;
    private static final Timeout CONNECT = Timeout.ofSeconds(3);
    /** As an API call: an engine that does not answer its ping in this time is given up on. */
    private static final RequestConfig PING = RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(15)).build();

    private final TlsByEndpoint tls = new TlsByEndpoint();
    private final CloseableHttpAsyncClient client;
    private final ThreadPoolExecutor dispatch;

    public MultiplexedEvents() {
        PoolingAsyncClientConnectionManager connections = PoolingAsyncClientConnectionManagerBuilder.create()
                .setTlsStrategy(tls)
                .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(CONNECT)
                        .setSocketTimeout(Timeout.DISABLED)
                        .build())
                .setMaxConnTotal(MAX_STREAMS)
                .setMaxConnPerRoute(MAX_STREAMS)
                .build();
        client = HttpAsyncClients.custom()
                .setConnectionManager(connections)
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(IO_THREADS).setSoTimeout(Timeout.DISABLED).build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.DISABLED).build())
                .setThreadFactory(AppExecutors.named("envboard-events-io"))
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
        dispatch = new ThreadPoolExecutor(DISPATCH_THREADS, DISPATCH_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(MAX_STREAMS), AppExecutors.named("envboard-events"));
        dispatch.allowCoreThreadTimeOut(true);
        client.start();
    }

    /**
     * The engine's streams on this client, or null when it must be reached another way (its
     * host:port is already followed with other TLS files). Refuses as DockerClients does: plain
     * tcp to another machine without {@code insecure}, missing or unusable TLS files.
     */
    EventSource source(EndpointSpec endpoint) {
        if (endpoint.isUnix()) {
            return null;
        }
        DockerClients.refuseUnsafe(endpoint);
        String scheme = "http";
        if (endpoint.usesTls()) {
            if (!tls.register(endpoint.uri().getHost(), endpoint.uri().getPort(), endpoint.tlsDir())) {
                return null;
            }
            scheme = "https";
        }
        String base = scheme + "://" + endpoint.uri().getRawAuthority();
        return new EventSource() {
            @Override
            public Closeable open(Query query, Sink sink) {
                return MultiplexedEvents.this.open(URI.create(base + "/events" + queryString(query)), sink);
            }

            @Override
            public CompletableFuture<Void> ping() {
                return MultiplexedEvents.this.ping(URI.create(base + "/_ping"));
            }
        };
    }

    private CompletableFuture<Void> ping(URI uri) {
        CompletableFuture<Void> answered = new CompletableFuture<>();
        try {
            client.execute(SimpleRequestBuilder.get(uri).setRequestConfig(PING).build(), new FutureCallback<SimpleHttpResponse>() {
                @Override
                public void completed(SimpleHttpResponse response) {
                    if (response.getCode() == 200) {
                        answered.complete(null);
                    } else {
                        answered.completeExceptionally(new DockerException("ping answered " + response.getCode(), response.getCode()));
                    }
                }

                @Override
                public void failed(Exception error) {
                    answered.completeExceptionally(error);
                }

                @Override
                public void cancelled() {
                    answered.cancel(false);
                }
            });
        } catch (RuntimeException e) {
            answered.completeExceptionally(e);
        }
        return answered;
    }

    /** As docker-java's EventsCmd sends them: since, then filters as a JSON map. */
    static String queryString(EventSource.Query query) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        if (!query.types().isEmpty()) {
            filters.put("type", query.types().stream().map(EventType::getValue).toList());
        }
        if (!query.actions().isEmpty()) {
            filters.put("event", query.actions());
        }
        StringBuilder q = new StringBuilder();
        if (query.since() != null) {
            q.append("since=").append(URLEncoder.encode(query.since(), StandardCharsets.UTF_8));
        }
        if (!filters.isEmpty()) {
            q.append(q.length() == 0 ? "" : "&").append("filters=")
                    .append(URLEncoder.encode(FiltersEncoder.jsonEncode(filters), StandardCharsets.UTF_8));
        }
        return q.length() == 0 ? "" : "?" + q;
    }

    private Closeable open(URI uri, EventSource.Sink sink) {
        SerialDelivery delivery = new SerialDelivery(dispatch, sink);
        EventStreamConsumer consumer = new EventStreamConsumer(delivery);
        Future<Void> exchange;
        try {
            exchange = client.execute(AsyncRequestBuilder.get(uri).addHeader("Accept", "application/json").build(), consumer,
                    new FutureCallback<>() {
                        @Override
                        public void completed(Void result) {
                            delivery.ended("the engine closed the event stream");
                        }

                        @Override
                        public void failed(Exception error) {
                            delivery.ended(DockerErrors.describe(error));
                        }

                        @Override
                        public void cancelled() {
                            delivery.ended("the event stream was cancelled");
                        }
                    });
        } catch (RuntimeException e) {
            delivery.ended(DockerErrors.describe(e));
            return delivery::close;
        }
        return () -> {
            delivery.close();
            exchange.cancel(true);
        };
    }

    @Override
    public void close() {
        client.close(CloseMode.IMMEDIATE);
        dispatch.shutdownNow();
    }
}
