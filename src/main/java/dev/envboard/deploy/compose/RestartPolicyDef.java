package dev.envboard.deploy.compose;

import java.time.Duration;

/** deploy.restart_policy: condition "none", "on-failure" or "any"; other fields null when not written. */
public record RestartPolicyDef(String condition, Duration delay, Integer maxAttempts, Duration window) {
}
