package dev.envboard.docker;

import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import java.io.Closeable;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where one engine's /events streams come from: the shared multiplexed client (tcp, with or
 * without TLS: a few threads for all engines) or docker-java's own streaming, a thread per stream
 * (unix sockets). Get one from {@link DockerClients#events(EndpointSpec)}.
 */
public interface EventSource {
    /**
     * What a stream asks the engine for.
     *
     * @param actions {@code event=} filters; empty: every action
     * @param since   Docker's since= (seconds with a fraction), or null for from now on
     */
    record Query(List<EventType> types, List<String> actions, String since) {
        public Query {
            types = List.copyOf(types);
            actions = List.copyOf(actions);
        }
    }

    /**
     * Hears one stream. Calls for one stream come one at a time: {@code started} once the engine
     * answered, then events in order, then at most one {@code ended}. None follow a close.
     */
    interface Sink {
        void started();

        void event(Event event);

        /** The stream is over: an error or the engine closing it, said in one sentence. */
        void ended(String why);
    }

    /** Opens a stream; returns at once. Closing the result ends the stream. */
    Closeable open(Query query, Sink sink);

    /**
     * Asks the engine whether it still answers (/_ping), holding no thread while it waits; fails
     * when it does not answer in time. Null when this source cannot: the caller pings as it likes.
     */
    default CompletableFuture<Void> ping() {
        return null;
    }
}
