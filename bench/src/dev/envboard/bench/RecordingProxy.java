package dev.envboard.bench;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A byte-for-byte proxy in front of an HTTP server (an engine's unix socket, or Consul on a
 * loopback port) that tells a listener each request line passing through it. Used by
 * {@link CallTrace} and {@code idle}: the calls Envboard makes, seen from outside Envboard.
 */
final class RecordingProxy implements AutoCloseable {
    /** Hears each request as {@code METHOD /path?query}, on the proxy's own threads. */
    @FunctionalInterface
    interface Listener {
        void request(String request);
    }

    private static final Pattern REQUEST = Pattern.compile("(GET|POST|PUT|DELETE|HEAD) (/\\S*) HTTP/1\\.[01]\r?$");

    private final ServerSocketChannel server;
    private final SocketAddress address;

    private RecordingProxy(ServerSocketChannel server, SocketAddress address) {
        this.server = server;
        this.address = address;
    }

    /** A proxy on the unix socket {@code socket} (replaced if it exists) in front of {@code upstream}. */
    static RecordingProxy unix(String name, Path socket, SocketAddress upstream, Listener listener) throws IOException {
        java.nio.file.Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return start(name, server, upstream, listener);
    }

    /** A proxy on a free port of 127.0.0.1 in front of {@code upstream}. */
    static RecordingProxy loopback(String name, SocketAddress upstream, Listener listener) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET);
        server.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
        return start(name, server, upstream, listener);
    }

    private static RecordingProxy start(String name, ServerSocketChannel server, SocketAddress upstream, Listener listener)
            throws IOException {
        RecordingProxy proxy = new RecordingProxy(server, server.getLocalAddress());
        Thread acceptor = daemon(() -> {
            while (true) {
                try {
                    SocketChannel client = server.accept();
                    SocketChannel serverSide = SocketChannel.open(upstream);
                    daemon(() -> pump(client, serverSide, listener), "proxy-" + name + "-up").start();
                    daemon(() -> pump(serverSide, client, null), "proxy-" + name + "-down").start();
                } catch (IOException e) {
                    return; // closed
                }
            }
        }, "proxy-" + name);
        acceptor.start();
        return proxy;
    }

    /** Where the proxy listens. */
    SocketAddress address() {
        return address;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private static Thread daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * Copies bytes one way; on the way up, notes each request line. Channels, not their streams:
     * a channel's streams share one lock, so a read blocked one way would hold up the other.
     */
    private static void pump(SocketChannel from, SocketChannel to, Listener listener) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        StringBuilder line = new StringBuilder();
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                if (listener != null) {
                    scan(buffer.array(), buffer.limit(), line, listener);
                }
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
        } catch (IOException closed) {
            // one end went away
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    private static void scan(byte[] buffer, int n, StringBuilder line, Listener listener) {
        for (int i = 0; i < n; i++) {
            char c = (char) (buffer[i] & 0xff);
            if (c == '\n') {
                Matcher m = REQUEST.matcher(line);
                // find, not matches: a request can follow the previous one's body on the same line
                if (m.find()) {
                    listener.request(m.group(1) + " " + m.group(2));
                }
                line.setLength(0);
            } else if (line.length() < 4096) {
                line.append(c);
            }
        }
    }
}
