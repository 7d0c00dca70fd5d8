package dev.envboard.deploy.compose;

import java.time.Duration;
import java.util.List;

/**
 * A healthcheck. {@code test} as Docker takes it: ["CMD", ...], ["CMD-SHELL", "..."] or ["NONE"];
 * a plain string in the file becomes ["CMD-SHELL", string]. Durations are null when not written
 * (Docker's defaults then apply).
 */
public record HealthcheckDef(List<String> test, Duration interval, Duration timeout, Integer retries,
                             Duration startPeriod, boolean disabled) {
    public HealthcheckDef {
        test = test == null ? List.of() : List.copyOf(test);
    }
}
