package dev.envboard.docker;

import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.net.NamedEndpoint;
import org.apache.hc.core5.reactor.ssl.TransportSecurityLayer;
import org.apache.hc.core5.util.Timeout;

/**
 * One shared client, each engine with its own TLS files: the handshake for host:port uses the
 * SSLContext built from that engine's directory (PemTls, as its docker-java client), with the
 * same verification docker-java's transport applies (httpclient5's DefaultClientTlsStrategy:
 * the engine's CA, then its address against the certificate). An engine without registered files
 * gets no handshake at all (fails closed).
 */
final class TlsByEndpoint implements TlsStrategy {
    private record Registered(Path dir, TlsStrategy tls) {
    }

    private final Map<String, Registered> byEndpoint = new ConcurrentHashMap<>();
    private final Map<Path, TlsStrategy> byDir = new ConcurrentHashMap<>();

    /**
     * @return false when host:port is already registered with other TLS files: the caller must
     *         reach that engine another way (a handshake cannot pick between two client certificates)
     */
    boolean register(String host, int port, Path dir) {
        Path normal = dir.toAbsolutePath().normalize();
        TlsStrategy tls = byDir.computeIfAbsent(normal, d -> {
            SSLContext context = TlsFiles.context(d);
            return new DefaultClientTlsStrategy(context);
        });
        Registered registered = byEndpoint.computeIfAbsent(key(host, port), k -> new Registered(normal, tls));
        return registered.dir().equals(normal);
    }

    @Override
    public void upgrade(TransportSecurityLayer session, NamedEndpoint endpoint, Object attachment, Timeout handshakeTimeout,
                        FutureCallback<TransportSecurityLayer> callback) {
        strategy(endpoint.getHostName(), endpoint.getPort()).upgrade(session, endpoint, attachment, handshakeTimeout, callback);
    }

    @Override
    @SuppressWarnings("deprecation")
    public boolean upgrade(TransportSecurityLayer session, HttpHost host, SocketAddress localAddress, SocketAddress remoteAddress,
                           Object attachment, Timeout handshakeTimeout) {
        return strategy(host.getHostName(), host.getPort()).upgrade(session, host, localAddress, remoteAddress, attachment, handshakeTimeout);
    }

    private TlsStrategy strategy(String host, int port) {
        Registered registered = byEndpoint.get(key(host, port));
        if (registered == null) {
            throw new EndpointRefusedException("no TLS files for " + host + ":" + port + "; refusing to connect without them");
        }
        return registered.tls();
    }

    private static String key(String host, int port) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h + ":" + port;
    }
}
