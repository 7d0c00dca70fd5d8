package dev.envboard.deploy.compose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads .env-format files (the environment's .env, services' env_file), each once however many
 * services name it, adding its bytes to the stack's hash in the order read.
 */
final class EnvFiles {
    private static final long MAX_BYTES = 1024 * 1024;

    private final Problems problems;
    private final StackDigest digest;
    private final Map<Path, List<DotEnvFile.Entry>> read = new HashMap<>();

    EnvFiles(Problems problems, StackDigest digest) {
        this.problems = problems;
        this.digest = digest;
    }

    /** The file's entries; syntax errors are recorded (with the file's own line) as problems. */
    List<DotEnvFile.Entry> read(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        List<DotEnvFile.Entry> known = read.get(key);
        if (known != null) {
            return known;
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException("larger than 1 MiB, refused");
        }
        byte[] bytes = Files.readAllBytes(file);
        digest.add(bytes);
        DotEnvFile.Parsed parsed = DotEnvFile.parse(file, new String(bytes, StandardCharsets.UTF_8));
        parsed.errors().forEach(problems::add);
        read.put(key, parsed.entries());
        return parsed.entries();
    }
}
