package dev.envboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sandbox's registry as scripts/sandbox.sh sets it up: on the bridge address (not 5000), its
 * login only in a file nobody else can read and as a bcrypt hash, its CA where every engine's
 * Docker looks, and registry-stop/registry-start seen by status.
 */
@ExtendWith(SandboxExtension.class)
class SandboxRegistryTest {
    @Test
    void itListensOnTheBridgeWithItsLoginKeptPrivateAndItsCaWhereEachEngineLooks(Sandbox sandbox) throws IOException {
        Sandbox.Registry registry = sandbox.registry();
        Path dir = sandbox.dir().resolve("registry");

        assertThat(registry.address()).isEqualTo("10.254.77.1:5443");
        assertThat(registry.image()).isEqualTo("10.254.77.1:5443/envboard/demo");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sandbox.registryEnvFile()))).isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve("config.yml"))).contains("addr: 10.254.77.1:5443").doesNotContain(":5000");
        String htpasswd = Files.readString(dir.resolve("htpasswd"));
        assertThat(htpasswd).startsWith(registry.user() + ":$2y$").doesNotContain(registry.password());
        String ca = Files.readString(registry.ca());
        List<Path> trusted = new ArrayList<>(List.of(Path.of("/etc/docker/certs.d", registry.address(), "ca.crt")));
        for (Sandbox.Engine engine : sandbox.engines()) {
            // Each dockerd sees its own /etc/docker: the sandbox's etc-docker, bind-mounted in its mount namespace.
            trusted.add(sandbox.dir().resolve(engine.name()).resolve("etc-docker/certs.d").resolve(registry.address()).resolve("ca.crt"));
        }
        for (Path file : trusted) {
            assertThat(Files.readString(file)).as(file.toString()).isEqualTo(ca);
        }
        String pid = Files.readString(dir.resolve("registry.pid")).trim();
        String cmdline = new String(Files.readAllBytes(Path.of("/proc", pid, "cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        assertThat(cmdline).startsWith("docker-registry serve " + dir.resolve("config.yml"));
    }

    @Test
    void statusShowsTheRegistryStoppedUntilItStartsAgain(Sandbox sandbox) throws Exception {
        sandbox.stopRegistry();
        Sandbox.Shell.Result stopped;
        try {
            stopped = Sandbox.Shell.run(List.of("bash", Sandbox.script().toString(), "status"), 60);
        } finally {
            sandbox.startRegistry();
        }
        Sandbox.Shell.Result running = Sandbox.Shell.run(List.of("bash", Sandbox.script().toString(), "status"), 60);

        assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(1);
        assertThat(stopped.output()).contains("registry: stopped (`").contains("registry-start` starts it)");
        assertThat(running.exitCode()).as(running.output()).isZero();
        assertThat(running.output()).contains("registry: pid ", " on https://" + sandbox.registry().address() + ", login in "
                + sandbox.registryEnvFile());
    }
}
