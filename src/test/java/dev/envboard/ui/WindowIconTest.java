package dev.envboard.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envboard.ui.shell.WindowIcons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window carries the application icon in every size icons/ holds, so no desktop has to scale one. */
@ExtendWith({FxThreadGuardCheck.class, ApplicationExtension.class})
class WindowIconTest {
    private static final Pattern RENDERED = Pattern.compile("envboard-(\\d+)\\.png");
    private UiHarness window;
    private Stage stage;

    @Start
    void start(Stage given) throws Exception {
        stage = given;
        Path dir = Files.createTempDirectory("envboard-icon");
        Path pools = dir.resolve("pools.yaml");
        // No engine is needed for the window's icons: a pool nobody answers.
        Files.writeString(pools, """
                pools:
                  - name: gone
                    kind: swarm
                    endpoint: unix://%s
                """.formatted(dir.resolve("nothing-here.sock")));
        window = UiHarness.show(stage, pools, dir);
    }

    @AfterEach
    void close() {
        window.close();
    }

    @Test
    void theWindowHasTheIconInEverySizeOfTheIconsFolder(FxRobot robot) throws Exception {
        // The window as a user sees it: up, and saying nobody answered.
        await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup("#welcome").tryQuery().isPresent());
        List<Integer> rendered = renderedSizes();
        assertThat(rendered).as("icons/envboard-NN.png, from 16 to 512 px").contains(16, 24, 32, 48, 64, 128, 256, 512);
        assertThat(WindowIcons.SIZES).containsExactlyInAnyOrderElementsOf(rendered);

        List<Image> icons = WaitForAsyncUtils.asyncFx(() -> List.copyOf(stage.getIcons())).get();
        assertThat(icons).noneMatch(Image::isError);
        assertThat(icons).allSatisfy(icon -> assertThat(icon.getHeight()).isEqualTo(icon.getWidth()));
        assertThat(icons.stream().map(icon -> (int) icon.getWidth()).toList()).containsExactlyInAnyOrderElementsOf(rendered);
    }

    private static List<Integer> renderedSizes() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("icons"))) {
            return files.map(file -> RENDERED.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches).map(m -> Integer.parseInt(m.group(1))).sorted().toList();
        }
    }
}
