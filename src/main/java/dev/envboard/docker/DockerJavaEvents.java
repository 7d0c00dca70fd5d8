package dev.envboard.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.EventsCmd;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import java.io.Closeable;
import java.io.IOException;

/**
 * Events through docker-java's own streaming: it holds a thread for each open stream. Used where
 * the shared client cannot go (unix sockets) and by callers that hand a DockerClient to EventFeed.
 */
final class DockerJavaEvents implements EventSource {
    private final DockerClient client;

    DockerJavaEvents(DockerClient client) {
        this.client = client;
    }

    @Override
    public Closeable open(Query query, Sink sink) {
        Callback callback = new Callback(sink);
        try {
            EventsCmd command = client.eventsCmd().withEventTypeFilter(query.types().toArray(EventType[]::new));
            if (!query.actions().isEmpty()) {
                command = command.withEventFilter(query.actions().toArray(String[]::new));
            }
            if (query.since() != null) {
                command = command.withSince(query.since());
            }
            command.exec(callback);
        } catch (RuntimeException e) {
            callback.onError(e);
        }
        return callback;
    }

    private static final class Callback extends ResultCallback.Adapter<Event> {
        private final Sink sink;
        private boolean ended;
        private boolean closed;

        Callback(Sink sink) {
            this.sink = sink;
        }

        @Override
        public void onStart(Closeable stream) {
            super.onStart(stream);
            synchronized (this) {
                if (closed) {
                    // closed while connecting: docker-java would keep this stream open
                    closeQuietly(stream);
                    return;
                }
            }
            sink.started();
        }

        @Override
        public void onNext(Event event) {
            if (!isClosed()) {
                sink.event(event);
            }
        }

        @Override
        public void onError(Throwable error) {
            end(DockerErrors.describe(error));
        }

        @Override
        public void onComplete() {
            end("the engine closed the event stream");
        }

        private void end(String why) {
            synchronized (this) {
                if (ended || closed) {
                    return;
                }
                ended = true;
            }
            sink.ended(why);
        }

        private synchronized boolean isClosed() {
            return closed;
        }

        @Override
        public void close() throws IOException {
            synchronized (this) {
                closed = true;
            }
            super.close();
        }

        private static void closeQuietly(Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException | RuntimeException ignored) {
                // already gone
            }
        }
    }
}
