package dev.envboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** CI must run exactly the test command README gives a newcomer, and README must name the launcher's commands. */
class ReadmeCommandsTest {
    private static final Pattern BLOCK_AFTER = Pattern.compile("\\*\\*%s\\*\\*.*?```sh\\n(.*?)\\n```", Pattern.DOTALL);

    private static String commandAfter(String readme, String heading) {
        Matcher m = Pattern.compile(BLOCK_AFTER.pattern().formatted(Pattern.quote(heading)), Pattern.DOTALL).matcher(readme);
        assertThat(m.find()).as("README has a command block after **" + heading + "**").isTrue();
        return m.group(1).trim();
    }

    @Test
    void ciRunsExactlyReadmesTestCommand() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        List<String> ci = Files.readAllLines(Path.of(".ci/run"));
        assertThat(ci.get(ci.size() - 1).trim()).isEqualTo(commandAfter(readme, "Run every test"));
    }

    @Test
    void tryItCommandBuildsAndOpensTheSandbox() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(commandAfter(readme, "Try it"))
                .startsWith("scripts/install-deps.sh")
                .contains("mvn -q package")
                .endsWith("./envboard --sandbox");
        assertThat(Path.of("scripts/install-deps.sh")).isExecutable();
        assertThat(Path.of("envboard")).isExecutable();
    }

    /** The .deb's name is what packaging/build.sh makes (InstalledPackageIT installs that one). */
    @Test
    void installCommandBuildsTheDebAndInstallsIt() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(commandAfter(readme, "Install the package"))
                .startsWith("scripts/install-deps.sh")
                .contains("mvn -q package")
                .contains("packaging/build.sh")
                .endsWith("apt-get install ./target/envboard_*.deb");
        assertThat(Path.of("packaging/build.sh")).isExecutable();
    }
}
