package dev.envboard.demo.template;

import java.time.Duration;

/** How long a demo of a template lives unless extended: {@code defaultLifetime} at launch, never more than {@code max}. */
public record Lifetime(Duration defaultLifetime, Duration max) {
}
