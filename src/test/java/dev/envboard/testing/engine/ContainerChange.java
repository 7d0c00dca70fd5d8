package dev.envboard.testing.engine;

/** What can happen to a simulated container, each with the event a real engine sends for it. */
public enum ContainerChange {
    /** Exits with code 1: "die". */
    DIE,
    /** Runs again: "start" (health back to "starting" if it has a healthcheck). */
    START,
    /** "health_status: healthy". */
    HEALTHY,
    /** "health_status: unhealthy". */
    UNHEALTHY
}
