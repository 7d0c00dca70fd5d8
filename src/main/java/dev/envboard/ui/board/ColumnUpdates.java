package dev.envboard.ui.board;

import dev.envboard.deploy.updates.EnvironmentUpdates;
import dev.envboard.deploy.updates.ServiceUpdate;
import dev.envboard.deploy.updates.UpdateState;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * What an environment header says about newer images: a badge when a tag names another digest
 * than runs ("update available") or when the registry could not be asked ("update check failed"),
 * and a tooltip with the services old → new, the reasons, and what the check cost in requests.
 */
public record ColumnUpdates(State state, String text, String detail) {
    public enum State { UP_TO_DATE, AVAILABLE, FAILED }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /** Null when the environment was not checked (yet), or has nothing the check could compare. */
    static ColumnUpdates of(BoardUpdates.Results results, String environment) {
        if (results == null || environment == null) {
            return null;
        }
        EnvironmentUpdates updates = results.byEnvironment().get(environment);
        String failure = results.failure() != null ? results.failure() : updates == null ? null : updates.failure();
        if (failure == null && (updates == null
                || updates.services().stream().noneMatch(s -> s.state() == UpdateState.UP_TO_DATE || s.state() == UpdateState.UPDATE_AVAILABLE))) {
            return null; // nothing compared: not running, not checked on purpose
        }
        List<String> lines = new ArrayList<>();
        if (updates != null && updates.updateAvailable()) {
            lines.add("update available:");
            updates.available().forEach(s -> lines.add("  " + s.describe()));
        }
        if (failure != null) {
            lines.add("update check failed: " + failure.replace("\n", "\n  "));
        }
        if (lines.isEmpty()) {
            lines.add("images up to date: " + String.join(", ", updates.services().stream()
                    .filter(s -> s.state() == UpdateState.UP_TO_DATE).map(ServiceUpdate::service).toList()));
        }
        lines.add((updates == null ? "" : "checked " + TIME.format(updates.checkedAt()) + ", ")
                + "every " + minutes(results.interval()) + " · " + results.requests() + " registry requests in the last check, "
                + results.totalRequests() + " since the board opened");
        String detail = String.join("\n", lines);
        if (updates != null && updates.updateAvailable()) {
            int n = updates.available().size();
            return new ColumnUpdates(State.AVAILABLE, n == 1 ? "update available" : n + " updates available", detail);
        }
        return failure != null ? new ColumnUpdates(State.FAILED, "update check failed", detail)
                : new ColumnUpdates(State.UP_TO_DATE, "", detail);
    }

    private static String minutes(java.time.Duration interval) {
        return interval.toSeconds() % 60 == 0 ? interval.toMinutes() + " min" : interval.toSeconds() + " s";
    }
}
