package dev.envboard.pool;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where a pool's Consul answers and where its ACL token comes from. Holds no secret: the token is
 * read from {@code tokenEnv} or {@code tokenFile} only when connecting, never at config load.
 *
 * @param address    base URI with scheme, host and port ({@code http://127.0.0.1:8500})
 * @param datacenter the datacenter to ask about, or null for the agent's own
 * @param caFile     PEM file of the CA that signed Consul's certificate (https only), or null
 * @param tokenEnv   name of the environment variable that holds the token, or null
 * @param tokenFile  file that holds the token (mode 0600), or null
 * @param nodes      Consul node name to pool hostname, for nodes matched neither by address nor name
 */
public record ConsulSpec(URI address, String datacenter, Path caFile, String tokenEnv, Path tokenFile,
                         Map<String, String> nodes) {

    public static final int DEFAULT_HTTP_PORT = 8500;
    public static final int DEFAULT_HTTPS_PORT = 8501;

    public ConsulSpec {
        nodes = Map.copyOf(nodes);
        if (tokenEnv != null && tokenFile != null) {
            throw new IllegalArgumentException("give the token in token-env or token-file, not both");
        }
    }

    /**
     * Reads {@code http://host:port}, {@code https://host:port} or {@code host:port} (http).
     * A missing port is Consul's default (8500 for http, 8501 for https).
     */
    public static URI parseAddress(String text) {
        String trimmed = text.trim();
        String withScheme = trimmed.contains("://") ? trimmed : "http://" + trimmed;
        URI uri;
        try {
            uri = new URI(withScheme);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid address: \"" + trimmed + "\"");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("use http:// or https://, not \"" + uri.getScheme() + "://\"");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("expected http://HOST:PORT or https://HOST:PORT, not \"" + trimmed + "\"");
        }
        // Credentials in a URL end up in logs and messages: the token has its own keys.
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("no user or password in the address; use token-env or token-file");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))) {
            throw new IllegalArgumentException("give only scheme, host and port, not a path or query: \"" + trimmed + "\"");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? DEFAULT_HTTPS_PORT : DEFAULT_HTTP_PORT;
        return URI.create(scheme + "://" + (uri.getHost().contains(":") && !uri.getHost().startsWith("[")
                ? "[" + uri.getHost() + "]" : uri.getHost()) + ":" + port);
    }

    public boolean isHttps() {
        return "https".equals(address.getScheme());
    }

    /** Where the token comes from, for messages: never the token itself. */
    public String tokenSource() {
        if (tokenEnv != null) {
            return "$" + tokenEnv;
        }
        return tokenFile != null ? tokenFile.toString() : "no token";
    }

    @Override
    public String toString() {
        return "consul " + address + (datacenter == null ? "" : " dc " + datacenter) + " (token: " + tokenSource() + ")";
    }
}
