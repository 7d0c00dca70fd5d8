package dev.envboard.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.logging.LogManager;

/** Warnings to stderr; libraries' connection and retry chatter stays quiet (logging.properties). */
public final class Logging {
    private Logging() {
    }

    public static void configure() {
        try (InputStream config = Logging.class.getResourceAsStream("/dev/envboard/logging.properties")) {
            if (config != null) {
                LogManager.getLogManager().readConfiguration(config);
            }
        } catch (IOException e) {
            System.err.println("envboard: logging configuration not loaded: " + e.getMessage());
        }
    }
}
