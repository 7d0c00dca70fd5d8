package dev.envboard.bench;

import com.github.dockerjava.core.LocalDirectorySSLConfig;
import dev.envboard.docker.EndpointSpec;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The floor's client: plain HTTP/1.1 to one Docker engine over the endpoint Envboard uses (a unix
 * socket, or tcp with the pool's TLS files), with kept-alive connections reused call after call.
 * No object mapping, no retries, no timeouts: the least a client can do to make an Engine API call.
 */
final class RawEngine implements AutoCloseable {
    /** One answer, its body read whole. */
    record Response(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        Response ok(String what) {
            if (status / 100 != 2) {
                throw new IllegalStateException(what + ": the engine answered " + status + " " + text().trim());
            }
            return this;
        }
    }

    /** An answer whose body is read as it comes (logs, events); closing it drops the connection. */
    static final class Stream implements Closeable {
        private final Connection connection;
        private final int status;
        private final InputStream body;

        private Stream(Connection connection, int status, InputStream body) {
            this.connection = connection;
            this.status = status;
            this.body = body;
        }

        int status() {
            return status;
        }

        InputStream body() {
            return body;
        }

        @Override
        public void close() {
            connection.close();
        }
    }

    private final EndpointSpec endpoint;
    private final SSLContext tls;
    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();

    RawEngine(EndpointSpec endpoint) {
        this.endpoint = CallTrace.forFloor(endpoint);
        this.tls = this.endpoint.usesTls() ? sslContext(this.endpoint) : null;
    }

    private static SSLContext sslContext(EndpointSpec endpoint) {
        try {
            return new LocalDirectorySSLConfig(endpoint.tlsDir().toString()).getSSLContext();
        } catch (Exception e) {
            throw new IllegalStateException("TLS files in " + endpoint.tlsDir() + ": " + e.getMessage(), e);
        }
    }

    Response get(String path) throws IOException {
        return call("GET", path, null);
    }

    /** One call on a kept-alive connection (a new one when none is idle); the body is read whole. */
    Response call(String method, String path, String json) throws IOException {
        return call(method, path, json, Map.of());
    }

    /** The same with more request headers (e.g. X-Registry-Auth for a pull). */
    Response call(String method, String path, String json, Map<String, String> headers) throws IOException {
        Connection connection = idle.pollFirst();
        boolean reused = connection != null;
        if (connection == null) {
            connection = connect();
        }
        try {
            Response response = connection.exchange(method, path, json, headers);
            if (connection.reusable) {
                idle.offerFirst(connection);
            } else {
                connection.close();
            }
            return response;
        } catch (IOException e) {
            connection.close();
            if (reused) {
                return call(method, path, json, headers); // the engine closed an idle connection: as any HTTP client, once more
            }
            throw e;
        }
    }

    /** A call whose body is streamed (a follow): it gets a connection of its own. */
    Stream open(String path) throws IOException {
        Connection connection = connect();
        try {
            connection.send("GET", path, null, Map.of());
            Head head = connection.readHead();
            return new Stream(connection, head.status, head.body(connection.in));
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private Connection connect() throws IOException {
        if (endpoint.isUnix()) {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(endpoint.uri().getPath()));
            return new Connection(channel, Channels.newInputStream(channel), Channels.newOutputStream(channel));
        }
        if (tls == null) {
            java.net.Socket socket = new java.net.Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(endpoint.uri().getHost(), endpoint.uri().getPort()));
            return new Connection(socket, socket.getInputStream(), socket.getOutputStream());
        }
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(endpoint.uri().getHost(), endpoint.uri().getPort()));
        socket.startHandshake();
        return new Connection(socket, socket.getInputStream(), socket.getOutputStream());
    }

    @Override
    public void close() {
        Connection connection;
        while ((connection = idle.pollFirst()) != null) {
            connection.close();
        }
    }

    /** Status line and headers of an answer. */
    private record Head(int status, long length, boolean chunked, boolean close) {
        InputStream body(Input in) {
            if (chunked) {
                return new ChunkedInput(in);
            }
            return length >= 0 ? new LimitedInput(in, length) : in;
        }
    }

    private static final class Connection {
        private final Closeable socket;
        private final Input in;
        private final OutputStream out;
        private boolean reusable = true;

        Connection(Closeable socket, InputStream in, OutputStream out) {
            this.socket = socket;
            this.in = new Input(in);
            this.out = new BufferedOutputStream(out, 16 * 1024);
        }

        Response exchange(String method, String path, String json, Map<String, String> headers) throws IOException {
            send(method, path, json, headers);
            Head head = readHead();
            reusable = !head.close && (head.chunked || head.length >= 0);
            byte[] body;
            try (InputStream stream = head.body(in)) {
                body = stream.readAllBytes();
            }
            return new Response(head.status, body);
        }

        void send(String method, String path, String json, Map<String, String> headers) throws IOException {
            byte[] body = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: docker\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
            } else if (!method.equals("GET")) {
                head.append("Content-Length: 0\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                out.write(body);
            }
            out.flush();
        }

        Head readHead() throws IOException {
            String statusLine = in.line();
            if (statusLine == null) {
                throw new IOException("the engine closed the connection");
            }
            int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            String header;
            while ((header = in.line()) != null && !header.isEmpty()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = value.equalsIgnoreCase("chunked");
                } else if (name.equalsIgnoreCase("Connection")) {
                    close = value.equalsIgnoreCase("close");
                }
            }
            if (status == 204 || status == 304) {
                length = 0;
            }
            return new Head(status, length, chunked, close);
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a connection we no longer use
            }
        }
    }

    /**
     * The connection's read side: a plain buffer, not a BufferedInputStream, whose reads lock on
     * every call; a log or event stream comes as one small HTTP chunk per entry.
     */
    static final class Input extends InputStream {
        private final InputStream in;
        private final byte[] buffer = new byte[64 * 1024];
        private int position;
        private int limit;

        Input(InputStream in) {
            this.in = in;
        }

        private boolean fill() throws IOException {
            if (position < limit) {
                return true;
            }
            int n = in.read(buffer, 0, buffer.length);
            if (n <= 0) {
                return false;
            }
            position = 0;
            limit = n;
            return true;
        }

        @Override
        public int read() throws IOException {
            return fill() ? buffer[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(length, limit - position);
            System.arraycopy(buffer, position, into, offset, n);
            position += n;
            return n;
        }

        /** Whether {@code lines} whole lines are in the buffer already (reading them would not wait). */
        boolean hasLines(int lines) {
            for (int i = position; i < limit && lines > 0; i++) {
                if (buffer[i] == '\n') {
                    lines--;
                }
            }
            return lines == 0;
        }

        int buffered() {
            return limit - position;
        }

        /** One CRLF-terminated line (of a header block or a chunk size), or null at the end of the stream. */
        String line() throws IOException {
            StringBuilder text = null;
            while (fill()) {
                int start = position;
                while (position < limit && buffer[position] != '\n') {
                    position++;
                }
                int end = position;
                boolean complete = position < limit;
                String piece = new String(buffer, start, end - start, StandardCharsets.ISO_8859_1);
                if (complete) {
                    position++; // the newline
                    String line = text == null ? piece : text.append(piece).toString();
                    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
                }
                text = text == null ? new StringBuilder(piece) : text.append(piece);
            }
            return text == null ? null : text.toString();
        }
    }

    /** A body of known length; closing it reads nothing further (the connection stays usable once it is read). */
    private static final class LimitedInput extends InputStream {
        private final Input in;
        private long left;

        LimitedInput(Input in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }

    /** Transfer-Encoding: chunked, decoded. */
    private static final class ChunkedInput extends InputStream {
        private final Input in;
        private long left;
        private boolean done;

        ChunkedInput(Input in) {
            this.in = in;
        }

        private boolean nextChunk() throws IOException {
            if (done) {
                return false;
            }
            if (left == 0) {
                String size = in.line();
                if (size != null && size.isEmpty()) {
                    size = in.line(); // the CRLF after the previous chunk's data
                }
                if (size == null) {
                    throw new IOException("the engine ended a chunked body early");
                }
                int semicolon = size.indexOf(';');
                left = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (left == 0) {
                    String trailer;
                    while ((trailer = in.line()) != null && !trailer.isEmpty()) {
                        // trailers: none expected
                    }
                    done = true;
                    return false;
                }
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            if (!nextChunk()) {
                return -1;
            }
            int b = in.read();
            if (b < 0) {
                throw new IOException("the engine ended a chunk early");
            }
            left--;
            return b;
        }

        /** As many chunks' data as are here already (after the first, never waiting for more). */
        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int total = 0;
            while (total < length) {
                if (total > 0 && (left > 0 ? in.buffered() == 0 : !in.hasLines(2))) {
                    break;
                }
                if (!nextChunk()) {
                    break;
                }
                int n = in.read(buffer, offset + total, (int) Math.min(length - total, left));
                if (n < 0) {
                    throw new IOException("the engine ended a chunk early");
                }
                left -= n;
                total += n;
            }
            return total == 0 && done ? -1 : total;
        }
    }
}
