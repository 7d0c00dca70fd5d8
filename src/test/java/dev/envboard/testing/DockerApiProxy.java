package dev.envboard.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP proxy of the test's own on 127.0.0.1, in front of a real engine's unix socket: every
 * request is passed on unchanged, and the engine's answer passed back, but a hook runs first, so
 * the test can make something happen on the real engine in between (a competing update). Every
 * exchange is recorded with the engine's status and body.
 */
public final class DockerApiProxy implements AutoCloseable {
    /** One request as passed on, and what the real engine answered. */
    public record Exchange(String method, String path, int status, String body) {
    }

    /** Runs before a request is passed on. */
    @FunctionalInterface
    public interface BeforeForward {
        void before(String method, String path) throws Exception;
    }

    private static final List<String> PASSED_BACK = List.of("Content-Type", "Api-Version", "Docker-Experimental", "Ostype", "Server");

    private final HttpServer server;
    private final Path socket;
    private final BeforeForward hook;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "docker-api-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    public DockerApiProxy(Path socket, BeforeForward hook) throws IOException {
        this.socket = socket;
        this.hook = hook;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** Where docker-java should connect instead of the engine. */
    public String endpoint() {
        return "tcp://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            String target = exchange.getRequestURI().getRawQuery() == null ? path : path + "?" + exchange.getRequestURI().getRawQuery();
            byte[] body = exchange.getRequestBody().readAllBytes();
            try {
                hook.before(method, path);
            } catch (Exception e) {
                byte[] message = ("test proxy hook failed: " + e).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(599, message.length);
                exchange.getResponseBody().write(message);
                return;
            }
            byte[] answer = forward(method, target, exchange.getRequestHeaders(), body);
            int headerEnd = indexOf(answer, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String[] head = new String(answer, 0, headerEnd, StandardCharsets.ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(head[0].split(" ")[1]);
            byte[] responseBody = Arrays.copyOfRange(answer, headerEnd + 4, answer.length);
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                String name = head[i].substring(0, colon).trim();
                if (PASSED_BACK.stream().anyMatch(h -> h.equalsIgnoreCase(name))) {
                    exchange.getResponseHeaders().add(name, head[i].substring(colon + 1).trim());
                }
            }
            exchanges.add(new Exchange(method, path, status, new String(responseBody, StandardCharsets.UTF_8)));
            boolean noBody = responseBody.length == 0 || method.equals("HEAD") || status == 204 || status == 304;
            exchange.sendResponseHeaders(status, noBody ? -1 : responseBody.length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(responseBody);
                }
            }
        }
    }

    /** HTTP/1.0 to the engine: it answers with a plain body and closes, nothing to de-chunk. */
    private byte[] forward(String method, String target, Headers headers, byte[] body) throws IOException {
        StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.0\r\nHost: docker\r\n");
        String type = headers.getFirst("Content-Type");
        if (type != null) {
            request.append("Content-Type: ").append(type).append("\r\n");
        }
        request.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap(request.toString().getBytes(StandardCharsets.ISO_8859_1)));
            ByteBuffer payload = ByteBuffer.wrap(body);
            while (payload.hasRemaining()) {
                channel.write(payload);
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try (InputStream in = Channels.newInputStream(channel)) {
                in.transferTo(answer);
            }
            return answer.toByteArray();
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("no end of headers in the engine's answer: "
                + new String(data, 0, Math.min(200, data.length), StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
