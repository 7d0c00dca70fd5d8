package dev.envboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average, printed beside each benchmark's figures: on two cores it explains their spread. */
final class LoadAverage {
    private LoadAverage() {
    }

    /** The 1-, 5- and 15-minute load averages, or why they could not be read. */
    static String now() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
