package dev.envboard.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envboard.deploy.CancelToken;
import dev.envboard.deploy.DeployListener;
import dev.envboard.deploy.SandboxRegistry;
import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.deploy.watch.DeployEntry;
import dev.envboard.pool.PoolSpec;
import dev.envboard.testing.DeployRecordsCleanup;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Versions from the sandbox's registry in the window, on one Swarm node: the Redeploy confirmation
 * says per service what changes (old and new tag and digest, the digests asked of the registry with
 * curl), Cancel leaves the engines alone; then "Redeploy this version…" on an older history row
 * runs its digest again. One deployment serves both, to keep the UI tests short.
 */
@ExtendWith({FxThreadGuardCheck.class, SandboxExtension.class, ApplicationExtension.class})
class RedeployVersionsTest {
    private static final String ENV = "uiversions";
    private static final String POOL = "sandbox-swarm";
    private static final String NODE = "envboard-swarm-3";
    private static Sandbox sandbox;
    private SandboxRegistry registry;
    private Path dir;
    private Path stacks;
    private UiHarness window;

    @BeforeAll
    static void findSandbox(Sandbox found) {
        sandbox = found;
    }

    @Start
    void start(Stage stage) throws Exception {
        registry = SandboxRegistry.of(sandbox);
        dir = UiHarness.newStateDir();
        stacks = Files.createDirectories(dir.resolve("stacks/" + ENV));
        String pools = Files.readString(sandbox.poolsFile())
                .replaceAll("(?m)^(\\s*)stacks: .*$", "$1stacks: " + dir.resolve("stacks"))
                .replaceFirst("    label-key: environment\n", "    label-key: environment\n    registry-config: "
                        + sandbox.registry().dockerConfig() + "\n");
        assertThat(pools).contains("registry-config: ").contains("stacks: " + dir.resolve("stacks"));
        Path poolsFile = dir.resolve("pools.yaml");
        Files.writeString(poolsFile, pools);
        sandbox.docker(sandbox.manager(), "node", "update", "--label-add", "environment=" + ENV, NODE);
        stage.setWidth(1280);
        stage.setHeight(800);
        window = UiHarness.show(stage, poolsFile, dir);
    }

    @AfterEach
    void tearDown() {
        DeployRecordsCleanup.remove(window.context().pools().pool(POOL).orElseThrow(), ENV);
        window.close();
        try {
            sandbox.docker(sandbox.manager(), "stack", "rm", ENV);
        } catch (AssertionError nothing) {
            // not deployed
        }
        sandbox.docker(sandbox.manager(), "node", "update", "--label-rm", "environment", NODE);
    }

    /** web and worker follow TAG; db stays at :1. */
    private void stack(String tag) throws Exception {
        Files.writeString(stacks.resolve(".env"), "IMAGE=" + registry.repository + "\nTAG=" + tag + "\n");
        String service = """
                    image: %s
                    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $$!; done"]
                    stop_grace_period: 1s
                """;
        Files.writeString(stacks.resolve("compose.yaml"), "services:\n"
                + "  web:\n" + service.formatted("${IMAGE}:${TAG}")
                + "  worker:\n" + service.formatted("${IMAGE}:${TAG}")
                + "  db:\n" + service.formatted("${IMAGE}:1"));
    }

    /** Deployed through the window's own services, as its Redeploy would: the Deploys history shows the record. */
    private DeployRecord deploy(String tag) throws Exception {
        stack(tag);
        PoolSpec pool = window.context().pools().pool(POOL).orElseThrow();
        DeployRecord record = window.context().redeployService().redeploy(pool, ENV, List.of(), DeployListener.NONE, new CancelToken());
        assertThat(record.result()).as(record.error()).isEqualTo(DeployRecord.SUCCEEDED);
        return record;
    }

    /** {@code sha256:} and 12 hex digits with an ellipsis: how the confirmation shortens a digest. */
    private static String shortDigest(String digest) {
        return digest.substring(0, "sha256:".length() + 12) + "…";
    }

    private List<String> containers() {
        return sandbox.docker(sandbox.engine(NODE), "ps", "-q", "--no-trunc", "--filter", "label=com.docker.stack.namespace=" + ENV)
                .lines().map(String::trim).filter(l -> !l.isEmpty()).sorted().toList();
    }

    private String runningImageId(String service) {
        String container = sandbox.docker(sandbox.engine(NODE), "ps", "-q", "--filter",
                "label=com.docker.swarm.service.name=" + ENV + "_" + service);
        return sandbox.docker(sandbox.engine(NODE), "inspect", "--format", "{{.Image}}", container.trim());
    }

    private String changesShown(FxRobot robot) {
        await().atMost(Duration.ofSeconds(30)).until(() -> robot.lookup("#redeploy-changes").tryQuery().isPresent());
        return robot.lookup("#redeploy-changes").queryLabeled().getText();
    }

    @Test
    void theConfirmationSaysWhatChangesAndAnOlderRecordRunsAgain(FxRobot robot) throws Exception {
        String one = registry.digest("1");
        String two = registry.digest("2");
        String v1 = registry.image("1") + " " + shortDigest(one);
        String v2 = registry.image("2") + " " + shortDigest(two);
        DeployRecord first = deploy("1");
        List<String> before = containers();
        assertThat(before).as("web, worker and db run on " + NODE).hasSize(3);
        stack("2");

        robot.clickOn("#nav-deploys");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#deploy-environment").tryQuery().isPresent());
        UiHarness.onFx(() -> {
            robot.lookup("#deploy-environment").<ComboBox<String>>query().setValue(ENV);
            return null;
        });
        robot.clickOn("#deploys-redeploy");
        assertThat(changesShown(robot).lines().map(String::trim)).containsExactlyInAnyOrder("What changes:",
                "web: " + v1 + " → " + v2, "worker: " + v1 + " → " + v2, "db: unchanged (" + v1 + ")");
        robot.clickOn(UiHarness.onFx(() -> robot.lookup("#redeploy-dialog").<DialogPane>query().lookupButton(ButtonType.CANCEL)));

        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#redeploy-dialog").tryQuery().isEmpty());
        assertThat(containers()).as("Cancel changed nothing").isEqualTo(before);
        assertThat(sandbox.docker(sandbox.manager(), "service", "inspect", "--format", "{{.Spec.TaskTemplate.ContainerSpec.Image}}",
                ENV + "_web")).isEqualTo(registry.image("1") + "@" + one);
        assertThat(window.context().deployHistory().recent(10)).as("no run was recorded").extracting(DeployRecord::id)
                .containsExactly(first.id());

        // Ship :2, then take the first record's versions back from the history.
        deploy("2");
        assertThat(runningImageId("web")).isEqualTo(imageId(registry.repository + "@" + two));
        TableView<DeployEntry> history = robot.lookup("#deploy-history").query();
        await().atMost(Duration.ofSeconds(10)).until(() -> ofEnvironment(history).size() == 2);
        robot.clickOn(UiHarness.onFx(() -> robot.lookup("#deploy-history .table-row-cell").<TableRow<DeployEntry>>queryAll().stream()
                .filter(row -> row.getItem() != null && row.getItem().id().equals(first.id())).findFirst().orElseThrow()));
        robot.clickOn("#deploys-redeploy-version");
        assertThat(changesShown(robot).lines().map(String::trim)).contains("web: " + v2 + " → " + v1, "db: unchanged (" + v1 + ")");
        robot.clickOn("#confirm-redeploy");

        await().atMost(Duration.ofSeconds(90)).until(() -> robot.lookup("#deploy-result").queryLabeled().getText().startsWith("succeeded"));
        assertThat(runningImageId("web")).as("the first record's digest runs again").isEqualTo(imageId(registry.repository + "@" + one));
        assertThat(runningImageId("worker")).isEqualTo(imageId(registry.repository + "@" + one));
        await().atMost(Duration.ofSeconds(10)).until(() -> ofEnvironment(history).size() == 3);
        assertThat(UiHarness.onFx(() -> history.getColumns().get(3).getCellData(history.getItems().indexOf(ofEnvironment(history).get(0)))))
                .as("the newest row's result").isEqualTo(DeployRecord.SUCCEEDED + " (back to " + first.id() + ")");
    }

    /** The rows of this test's environment, newest first (the list shows every environment of the pool). */
    private static List<DeployEntry> ofEnvironment(TableView<DeployEntry> history) {
        return UiHarness.onFx(() -> history.getItems().stream().filter(e -> e.environment().equals(ENV)).toList());
    }

    private String imageId(String reference) {
        return sandbox.docker(sandbox.engine(NODE), "image", "inspect", "--format", "{{.Id}}", reference);
    }
}
