package dev.envboard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy of the test's own on 127.0.0.1, in front of a real server (a host's sshd): it
 * passes the client's bytes on at a bounded rate, so that a transfer takes long enough to be
 * caught half-way, and {@link #cut()} drops every connection at once, as a broken network does.
 * Threads are daemons; {@link #close()} stops everything.
 */
public final class ThrottlingTcpProxy implements AutoCloseable {
    private static final int CHUNK = 1024;

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final long clientBytesPerSecond;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong clientBytes = new AtomicLong();
    private final Thread acceptor;

    /** @param clientBytesPerSecond the rate of client-to-server bytes; the other way is not slowed */
    public ThrottlingTcpProxy(InetSocketAddress target, long clientBytesPerSecond) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = target;
        this.clientBytesPerSecond = clientBytesPerSecond;
        this.acceptor = new Thread(this::accept, "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Client-to-server bytes passed on so far, over every connection. */
    public long clientBytes() {
        return clientBytes.get();
    }

    /** Drops every open connection (both sides); new connections are still accepted. */
    public void cut() {
        for (Socket socket : sockets) {
            try {
                socket.setSoLinger(true, 0); // a reset, not a polite close
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
        sockets.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(target, 5000);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream, clientBytesPerSecond, "tcp-proxy-up");
                pump(upstream, client, 0, "tcp-proxy-down");
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("tcp proxy: " + e);
                }
            }
        }
    }

    private void pump(Socket from, Socket to, long bytesPerSecond, String name) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[CHUNK];
            long next = System.nanoTime(); // no credit for idle time: a pause is not followed by a burst
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                    if (bytesPerSecond > 0) {
                        clientBytes.addAndGet(n);
                        long now = System.nanoTime();
                        next = Math.max(next, now) + n * 1_000_000_000L / bytesPerSecond;
                        long wait = next - now;
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            } catch (IOException | InterruptedException e) {
                // cut, or the other side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        cut();
    }
}
