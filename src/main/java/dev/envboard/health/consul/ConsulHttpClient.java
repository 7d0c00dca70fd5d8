package dev.envboard.health.consul;

import dev.envboard.runtime.Version;
import dev.envboard.pool.ConsulSpec;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import org.apache.http.Header;
import org.apache.http.HttpRequestInterceptor;
import org.apache.http.HttpResponseInterceptor;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;

/**
 * The Apache HttpClient that consul-api sends its requests through: the token goes as the
 * X-Consul-Token header on every request (consul-api is never given it, so it never adds
 * {@code ?token=}), the ACL-filtered header of each answer is noted for the calling thread,
 * redirects are not followed (they would carry the token elsewhere), and the read timeout
 * outlasts the longest blocking wait.
 */
final class ConsulHttpClient {
    static final String TOKEN_HEADER = "X-Consul-Token";
    static final String FILTERED_HEADER = "X-Consul-Results-Filtered-By-ACLs";
    /** HttpClient's header and wire logs would print the token at debug level: kept quiet whatever the config says. */
    private static final Logger[] QUIET = {Logger.getLogger("org.apache.http.headers"), Logger.getLogger("org.apache.http.wire")};

    static {
        for (Logger logger : QUIET) {
            logger.setLevel(Level.INFO);
        }
    }

    private ConsulHttpClient() {
    }

    /**
     * @param filtered set to the filtered header of each answer, on the thread that made the call
     * @throws GeneralSecurityException, IOException when the CA file cannot be used
     */
    static CloseableHttpClient build(ConsulSpec spec, ConsulToken token, ThreadLocal<Boolean> filtered,
                                     Duration connectTimeout, Duration readTimeout, int maxConnections)
            throws IOException, GeneralSecurityException {
        RegistryBuilder<ConnectionSocketFactory> sockets = RegistryBuilder.<ConnectionSocketFactory>create()
                .register("http", PlainConnectionSocketFactory.getSocketFactory());
        if (spec.isHttps()) {
            SSLContext tls = ConsulTls.context(spec.caFile());
            sockets.register("https", new SSLConnectionSocketFactory(tls, SSLConnectionSocketFactory.getDefaultHostnameVerifier()));
        }
        PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager(sockets.build());
        connections.setMaxTotal(maxConnections);
        connections.setDefaultMaxPerRoute(maxConnections);
        RequestConfig timeouts = RequestConfig.custom()
                .setConnectTimeout(millis(connectTimeout))
                .setConnectionRequestTimeout(millis(connectTimeout))
                .setSocketTimeout(millis(readTimeout))
                .build();
        HttpRequestInterceptor addToken = (request, context) -> {
            // Runs before a connection is made: without a token nothing is sent at all.
            var value = token.current();
            if (value.isPresent()) {
                request.setHeader(TOKEN_HEADER, value.get());
            }
        };
        HttpResponseInterceptor noteFiltered = (response, context) -> {
            Header header = response.getFirstHeader(FILTERED_HEADER);
            filtered.set(header != null && "true".equalsIgnoreCase(header.getValue().trim()));
        };
        return HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(timeouts)
                .addInterceptorLast(addToken)
                .addInterceptorLast(noteFiltered)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .setUserAgent("envboard/" + Version.current())
                .build();
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }
}
