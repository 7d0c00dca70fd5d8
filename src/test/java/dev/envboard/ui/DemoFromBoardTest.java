package dev.envboard.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envboard.demo.DemoListener;
import dev.envboard.demo.TeardownResult;
import dev.envboard.deploy.CancelToken;
import dev.envboard.pool.PoolSpec;
import dev.envboard.testing.DaemonJsonGuard;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import dev.envboard.ui.demo.Links;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.ListView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A demo of the example template (examples/templates/webshop) launched from the board on the
 * sandbox's two standalone hosts, both made free first: its column shows its entry points as
 * links and a countdown, its containers run on the engines and its links answer; Copy and Open
 * hand over the link; then Tear down, confirmed, leaves nothing on the engines and both hosts
 * Unassigned.
 */
@ExtendWith({FxThreadGuardCheck.class, SandboxExtension.class, ApplicationExtension.class})
class DemoFromBoardTest {
    private static final String POOL = "sandbox-hosts";
    private static final String CUSTOMER = "UI test";
    private static final String ENV = "demo-ui-test";
    private static final List<String> HOSTS = List.of("envboard-host-1", "envboard-host-2");
    private static Sandbox sandbox;
    private final List<String> opened = new CopyOnWriteArrayList<>();
    private DaemonJsonGuard guard;
    private UiHarness window;

    @BeforeAll
    static void findSandbox(Sandbox found) {
        sandbox = found;
    }

    @Start
    void start(Stage stage) throws Exception {
        Path dir = UiHarness.newStateDir();
        Path templates = Path.of("examples/templates").toAbsolutePath();
        assertThat(templates.resolve("webshop/template.yaml")).exists();
        String pools = Files.readString(sandbox.poolsFile()).replaceAll("(?m)^\\s*templates: .*\\n", "")
                .replace("    label-key: environment\n", "    label-key: environment\n    templates: " + templates + "\n");
        Path poolsFile = dir.resolve("pools.yaml");
        Files.writeString(poolsFile, pools);
        guard = new DaemonJsonGuard(sandbox, HOSTS);
        guard.unassign("envboard-host-1"); // the template needs two free hosts; host-2 is free as the sandbox is built
        stage.setWidth(1280);
        stage.setHeight(800);
        // Open goes nowhere (no browser in a test); Copy uses the real clipboard.
        window = UiHarness.show(stage, poolsFile, dir, new Links() {
            @Override
            public void open(String url) {
                opened.add(url);
            }

            @Override
            public void copy(String text) {
                ClipboardContent content = new ClipboardContent();
                content.putString(text);
                Clipboard.getSystemClipboard().setContent(content);
            }
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            PoolSpec pool = window.context().pools().pool(POOL).orElseThrow();
            if (window.context().demoService().find(pool, ENV).isPresent()) {
                TeardownResult left = window.context().demoService().teardown(pool, ENV, DemoListener.NONE, new CancelToken());
                assertThat(left.done()).as("the test's own clean-up: " + left.message() + " " + left.left()).isTrue();
            }
        } finally {
            window.close();
            guard.restore();
        }
    }

    private List<String> demoContainers(String host, String... psOptions) {
        List<String> args = new ArrayList<>(List.of("ps", "--format", "{{.Names}}", "--filter", "label=com.docker.stack.namespace=" + ENV));
        args.addAll(List.of(psOptions));
        return sandbox.docker(sandbox.engine(host), args.toArray(String[]::new)).lines().map(String::trim)
                .filter(l -> !l.isEmpty()).toList();
    }

    /** The ids of the cards in Unassigned, and the pool shown: what a failed wait reports. */
    private static List<String> unassigned(FxRobot robot) {
        return UiHarness.onFx(() -> {
            List<String> ids = new ArrayList<>(robot.lookup("#column-unassigned .host-card").queryAll().stream()
                    .map(javafx.scene.Node::getId).toList());
            ids.add("(pool " + robot.lookup("#pool-selector").queryComboBox().getValue() + ")");
            return ids;
        });
    }

    private static String text(FxRobot robot, String query) {
        return UiHarness.onFx(() -> robot.lookup(query).queryLabeled().getText());
    }

    @Test
    void launchADemoFromTheBoardSeeItsColumnWithLinksAndCountdownThenTearItDown(FxRobot robot) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> robot.lookup("#pool-selector").tryQuery().isPresent());
        robot.clickOn("#pool-selector").clickOn(POOL + "  ·  standalone");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(unassigned(robot)).as("the cards in Unassigned")
                .containsAll(HOSTS.stream().map(h -> "host-" + h).toList()));

        robot.clickOn("#launch-demo");
        await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup("#launch-demo-dialog").tryQuery().isPresent());
        assertThat(UiHarness.onFx(() -> robot.lookup("#launch-templates").<ListView<?>>query().getSelectionModel()
                .getSelectedItem().toString())).contains("name=webshop");
        assertThat(UiHarness.onFx(() -> robot.lookup("#confirm-launch").queryButton().isDisabled()))
                .as("no customer yet").isTrue();
        robot.clickOn("#launch-customer").write(CUSTOMER);
        await().atMost(Duration.ofSeconds(5)).until(() -> text(robot, "#launch-environment").equals("environment " + ENV));
        assertThat(text(robot, "#launch-hosts-picked")).contains("envboard-host-1").contains("envboard-host-2");
        assertThat(UiHarness.onFx(() -> robot.lookup("#confirm-launch").queryButton().isDisabled())).isFalse();
        robot.clickOn("#confirm-launch");

        // The column appears with the demo's panel once the launch ran: links and a countdown.
        await().atMost(Duration.ofSeconds(180)).until(() -> robot.lookup("#demo-link-" + ENV + "-1").tryQuery().isPresent());
        List<String> links = UiHarness.onFx(() -> robot.lookup("#demo-entry-points-" + ENV + " .demo-link").queryAllAs(Hyperlink.class)
                .stream().map(Hyperlink::getText).toList());
        List<String> addresses = HOSTS.stream().map(h -> sandbox.engine(h).address()).toList();
        assertThat(links).hasSize(2);
        assertThat(links.get(0)).matches("http://10\\.254\\.77\\.\\d+:8080/");
        assertThat(links.get(1)).matches("http://10\\.254\\.77\\.\\d+:9090/status");
        assertThat(links).allSatisfy(link -> assertThat(addresses).anySatisfy(a -> assertThat(link).contains("//" + a + ":")));
        assertThat(text(robot, "#demo-countdown-" + ENV)).as("3 days by default, a few seconds gone").isEqualTo("2d 23h left");
        assertThat(text(robot, "#demo-who-" + ENV)).isEqualTo("by " + System.getProperty("user.name") + " for " + CUSTOMER);

        // On the engines: the template's three services run, spread over exactly the two hosts.
        List<String> running = new ArrayList<>();
        HOSTS.forEach(h -> running.addAll(demoContainers(h)));
        assertThat(running).containsExactlyInAnyOrder(ENV + "_shop_1", ENV + "_api_1", ENV + "_worker_1");
        assertThat(HOSTS).allSatisfy(h -> assertThat(guard.liveLabels(h)).contains("environment=" + ENV));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String link : links) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(link)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(link).isEqualTo(200);
            assertThat(answer.body()).as(link).contains(ENV);
        }

        robot.clickOn("#demo-copy-" + ENV + "-0");
        assertThat(UiHarness.onFx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(links.get(0));
        robot.clickOn("#demo-open-" + ENV + "-1");
        assertThat(opened).containsExactly(links.get(1));

        robot.clickOn("#demo-teardown-" + ENV);
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#confirm-teardown").tryQuery().isPresent());
        robot.clickOn("#confirm-teardown");

        await().atMost(Duration.ofSeconds(180)).until(() -> robot.lookup("#column-" + ENV).tryQuery().isEmpty());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(unassigned(robot)).as("the cards in Unassigned")
                .containsAll(HOSTS.stream().map(h -> "host-" + h).toList()));
        for (String host : HOSTS) {
            assertThat(demoContainers(host, "--all")).as("containers of " + ENV + " on " + host).isEmpty();
            assertThat(sandbox.docker(sandbox.engine(host), "network", "ls", "--format", "{{.Name}}").lines())
                    .as("networks on " + host).noneMatch(n -> n.startsWith(ENV));
            assertThat(guard.liveLabels(host)).as("labels of " + host).noneMatch(l -> l.startsWith("environment="));
        }
        PoolSpec pool = window.context().pools().pool(POOL).orElseThrow();
        assertThat(window.context().demoService().find(pool, ENV)).as("the demo's record is gone").isEmpty();
        assertThat(UiHarness.onFx(() -> robot.lookup("#notices").tryQuery().map(n -> n.isVisible()).orElse(false)))
                .as("nothing went wrong on the board").isFalse();
    }
}
