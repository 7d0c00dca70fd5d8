package dev.envboard.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code scripts/sandbox.sh}, the local pool of real engines used for trying Envboard,
 * tests and benchmarks. Its output goes straight to the user's terminal.
 */
public final class SandboxScript {
    public static final String DEFAULT_DIR = "/var/lib/envboard-sandbox";

    public record Result(boolean ok, String message, Path poolsFile) {
    }

    private final Map<String, String> env;

    public SandboxScript(Map<String, String> env) {
        this.env = env;
    }

    /** The sandbox's state directory, where it writes pools.yaml and engines.tsv. */
    public Path dir() {
        String dir = env.get("ENVBOARD_SANDBOX_DIR");
        return Path.of(dir == null || dir.isBlank() ? DEFAULT_DIR : dir);
    }

    public Path script() {
        String home = System.getProperty("envboard.home");
        Path base = home == null ? Path.of("").toAbsolutePath() : Path.of(home);
        return base.resolve("scripts/sandbox.sh");
    }

    public Result up() {
        return run("up");
    }

    public Result down() {
        return run("down");
    }

    private Result run(String verb) {
        Path script = script();
        if (!Files.isRegularFile(script)) {
            return new Result(false, "sandbox script not found at " + script, null);
        }
        try {
            Process process = new ProcessBuilder(List.of("bash", script.toString(), verb)).inheritIO().start();
            int code = process.waitFor();
            Path pools = dir().resolve("pools.yaml");
            if (code != 0) {
                return new Result(false, "scripts/sandbox.sh " + verb + " failed (exit " + code + ")", pools);
            }
            return new Result(true, "sandbox " + verb, pools);
        } catch (IOException e) {
            return new Result(false, "cannot run " + script + ": " + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted", null);
        }
    }
}
