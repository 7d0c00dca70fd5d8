package dev.envboard.deploy;

import com.github.dockerjava.api.model.HealthCheck;
import dev.envboard.deploy.compose.HealthcheckDef;
import java.util.List;

/** A compose healthcheck as Docker's API takes it (durations in nanoseconds), for services and containers. */
public final class HealthChecks {
    private HealthChecks() {
    }

    public static HealthCheck of(HealthcheckDef def) {
        if (def.disabled()) {
            return new HealthCheck().withTest(List.of("NONE"));
        }
        HealthCheck check = new HealthCheck().withTest(def.test());
        if (def.interval() != null) {
            check.withInterval(def.interval().toNanos());
        }
        if (def.timeout() != null) {
            check.withTimeout(def.timeout().toNanos());
        }
        if (def.startPeriod() != null) {
            check.withStartPeriod(def.startPeriod().toNanos());
        }
        if (def.retries() != null) {
            check.withRetries(def.retries());
        }
        return check;
    }
}
