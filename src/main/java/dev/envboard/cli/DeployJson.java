package dev.envboard.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.envboard.deploy.history.ServiceVersion;
import dev.envboard.deploy.watch.DeployEntry;
import dev.envboard.deploy.watch.DeployEvent;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Deploys and deploy events as {@code envboard deploys} prints them in JSON. */
final class DeployJson {
    private DeployJson() {
    }

    /**
     * One deploy.
     *
     * @param status   in progress, succeeded, failed, cancelled, refused, or unfinished (it said it ran, long ago, and never ended)
     * @param origin   pool (read from the pool only), here (this machine's history only) or both
     * @param versions per service: the image and digest deployed, and what ran before
     * @param changes  per service whose digest changed: "web: sha256:ab12… → sha256:cd34…"
     */
    record Deploy(String pool, String environment, String id, String user, Instant started, Instant finished,
                  String status, String result, Long durationMillis, Long downtimeMillis, String stackSha256,
                  Map<String, ServiceVersion> versions, List<String> changes, String error, String rollbackFrom, String origin) {
        static Deploy of(DeployEntry e) {
            return new Deploy(e.pool(), e.environment(), e.id(), e.who(), e.startedAt(), e.record().finishedAt(),
                    e.status().label(), e.status().ended() ? e.record().result() : null, e.durationMillis(),
                    e.record().downtimeMillis(), e.record().stackSha256(), e.record().versions(), e.changes(),
                    e.record().error(), e.record().rollbackFrom(), e.origin().name().toLowerCase(Locale.ROOT));
        }
    }

    /**
     * One line of {@code deploys --watch}.
     *
     * @param event  started, succeeded, failed, cancelled or refused
     * @param time   when it happened: the start for "started", the end otherwise
     * @param result how it ended; null for "started"
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Event(String event, String pool, String environment, String deployId, String user, String result, Instant time,
                 Instant started, Instant finished, Long durationMillis, Long downtimeMillis, String stackSha256,
                 List<String> changes, String error) {
        static Event of(DeployEvent event) {
            DeployEntry e = event.entry();
            boolean ended = event.kind() != DeployEvent.Kind.STARTED;
            return new Event(event.kind().label(), e.pool(), e.environment(), e.id(), e.who(), ended ? e.record().result() : null,
                    event.at(), e.startedAt(), ended ? e.record().finishedAt() : null, ended ? e.durationMillis() : null,
                    ended ? e.record().downtimeMillis() : null, e.record().stackSha256(), e.changes(),
                    ended ? e.record().error() : null);
        }
    }
}
