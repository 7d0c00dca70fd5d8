package dev.envboard.deploy.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.yaml.InputProblem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackLocateTest {
    @TempDir
    Path dir;

    private final StackLoader loader = new StackLoader();

    @Test
    void theEnvironmentsOwnFolderWinsOverTheDefault() {
        StackFixture stacks = new StackFixture(dir);
        Path own = stacks.write("qa/compose.yaml", "services: {web: {image: nginx}}\n");
        stacks.write("default/compose.yaml", "services: {web: {image: httpd}}\n");

        assertThat(loader.locate(dir, "qa")).contains(own);
    }

    @Test
    void theOtherFileNamesAreAcceptedInTheirOrder() {
        StackFixture stacks = new StackFixture(dir);
        stacks.write("qa/docker-compose.yml", "services: {web: {image: nginx}}\n");
        Path preferred = stacks.write("qa/compose.yml", "services: {web: {image: nginx}}\n");

        assertThat(loader.locate(dir, "qa")).contains(preferred);
    }

    @Test
    void anEnvironmentWithoutAStackUsesTheDefault() {
        StackFixture stacks = new StackFixture(dir);
        Path shared = stacks.write("default/compose.yaml", "services: {web: {image: httpd}}\n");
        stacks.write("qa/.env", "TAG=1\n");

        assertThat(loader.locate(dir, "demo")).contains(shared);
        assertThat(loader.locate(dir, "qa")).contains(shared);
    }

    @Test
    void noStackAtAllNamesBothPlacesItLooked() {
        assertThat(loader.locate(dir, "qa")).isEmpty();

        List<InputProblem> errors = new StackFixture(dir).errors("qa");
        assertThat(errors).singleElement().satisfies(problem -> assertThat(problem.message())
                .contains(dir.resolve("qa/compose.yaml").toString())
                .contains(dir.resolve("default/compose.yaml").toString()));
    }

    @Test
    void anEnvironmentNameCannotLeaveTheStacksFolder() {
        new StackFixture(dir).write("default/compose.yaml", "services: {web: {image: httpd}}\n");

        assertThat(loader.locate(dir, "../etc")).isEmpty();
        assertThat(new StackFixture(dir).errors("../etc")).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("cannot name a stacks folder"));
    }

    @Test
    void severalComposeFilesInOneFolderAreWarnedAbout() throws StackException {
        StackFixture stacks = new StackFixture(dir);
        stacks.write("qa/compose.yaml", "services: {web: {image: nginx}}\n");
        stacks.write("qa/docker-compose.yml", "services: {web: {image: httpd}}\n");

        Stack stack = stacks.load("qa");
        assertThat(stack.services().get("web").image()).isEqualTo("nginx");
        assertThat(stack.warnings()).singleElement()
                .satisfies(w -> assertThat(w.message()).contains("docker-compose.yml").contains("using compose.yaml"));
    }
}
