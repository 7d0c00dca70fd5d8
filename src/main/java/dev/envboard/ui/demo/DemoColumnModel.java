package dev.envboard.ui.demo;

import dev.envboard.demo.Demo;
import dev.envboard.demo.DemoExpiry;
import dev.envboard.demo.EntryPoint;
import dev.envboard.demo.template.DemoDuration;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * What a demo's column shows at one moment: who launched it for whom, the time left, its entry
 * points, and which actions make sense. Built from the pool's record and {@link DemoExpiry}; two
 * are equal when nothing shown differs, so a tick that changes no text repaints nothing.
 *
 * @param hosts     the hosts it was launched on, by name
 * @param countdown "2d 3h left", "expired 3h ago", or "kept: no expiry"
 * @param expiresText when it expires and how far it may be extended, for a tooltip
 * @param problem   why the launch failed or the teardown stuck; null when nothing went wrong
 * @param left      for a stuck demo: exactly what is left, each named
 * @param busy      this window runs an action on it (teardown, extend…): its buttons wait
 */
public record DemoColumnModel(String pool, String environment, String owner, String customer, String template,
                              List<String> hosts, Status status, String countdown, String expiresText, boolean kept, String problem,
                              List<String> left, List<EntryPoint> entryPoints, boolean busy) {

    /** What the column stresses; an expired demo is never removed by itself, only offered for teardown. */
    public enum Status {
        RUNNING("running"),
        EXPIRED("expired"),
        LAUNCHING("launching…"),
        FAILED("launch failed"),
        TEARING_DOWN("tearing down…"),
        STUCK("stuck");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The style class of a column in this status ("demo-expired"…). */
        public String styleClass() {
            return "demo-" + name().toLowerCase().replace('_', '-');
        }
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm").withZone(ZoneId.systemDefault());

    public DemoColumnModel {
        hosts = List.copyOf(hosts);
        left = List.copyOf(left);
        entryPoints = List.copyOf(entryPoints);
    }

    /** The column of {@code demo} now, by {@code expiry}'s clock. */
    public static DemoColumnModel of(Demo demo, DemoExpiry expiry, boolean busy) {
        return new DemoColumnModel(demo.pool(), demo.environment(), demo.owner(), demo.customer(), demo.template(),
                demo.hosts().stream().map(dev.envboard.demo.DemoHost::name).toList(), status(demo, expiry), countdown(demo, expiry), expiresText(demo, expiry), demo.keep(), demo.problem(), demo.left(),
                demo.entryPoints(), busy);
    }

    private static Status status(Demo demo, DemoExpiry expiry) {
        return switch (demo.state()) {
            case STUCK -> Status.STUCK;
            case TEARING_DOWN -> Status.TEARING_DOWN;
            case FAILED -> Status.FAILED;
            case LAUNCHING -> Status.LAUNCHING;
            case RUNNING -> expiry.isExpired(demo) ? Status.EXPIRED : Status.RUNNING;
        };
    }

    private static String countdown(Demo demo, DemoExpiry expiry) {
        if (demo.keep()) {
            return "kept: no expiry";
        }
        Duration left = expiry.timeLeft(demo);
        return left.isNegative() || left.isZero() ? expiry.describe(demo) : DemoDuration.countdown(left) + " left";
    }

    private static String expiresText(Demo demo, DemoExpiry expiry) {
        String latest = "extensions up to " + TIME.format(demo.latestExpiry());
        if (demo.keep()) {
            return "Kept: exempt from expiry (it would expire " + TIME.format(demo.expires()) + "; " + latest + ")";
        }
        Instant expires = demo.expires();
        return (expiry.isExpired(demo) ? "Expired " : "Expires ") + TIME.format(expires) + "; " + latest;
    }

    /** "by alice for Acme" */
    public String who() {
        return "by " + owner + " for " + customer;
    }

    public boolean expired() {
        return status == Status.EXPIRED;
    }

    public boolean stuck() {
        return status == Status.STUCK;
    }

    /** Extend and Keep apply to a demo that is up (running or expired), not to one on its way in or out. */
    public boolean canExtend() {
        return !busy && (status == Status.RUNNING || status == Status.EXPIRED);
    }

    /** A teardown is offered unless one runs; a stuck demo gets Clean up instead. */
    public boolean canTearDown() {
        return !busy && status != Status.STUCK && status != Status.TEARING_DOWN;
    }

    public boolean canCleanUp() {
        return !busy && status == Status.STUCK;
    }

    /** The line under the countdown when something went wrong, e.g. "stuck: 2 things left". */
    public String stateText() {
        return switch (status) {
            case STUCK -> "stuck: " + (left.size() == 1 ? "1 thing is left" : left.size() + " things are left");
            case FAILED -> "launch failed" + (problem == null ? "" : ": " + problem);
            case LAUNCHING, TEARING_DOWN -> status.label();
            default -> "";
        };
    }

    /** Exactly what is left, one a line, or why the launch failed. */
    public String detail() {
        if (status == Status.STUCK) {
            return "Left after the teardown:\n  " + String.join("\n  ", left) + (problem == null ? "" : "\n" + problem);
        }
        return problem == null ? "" : problem;
    }
}
