package dev.envboard.ui.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.demo.Demo;
import dev.envboard.demo.DemoState;
import dev.envboard.demo.LaunchResult;
import dev.envboard.demo.TeardownResult;
import dev.envboard.pool.Host;
import dev.envboard.testing.TestHosts;
import dev.envboard.ui.shell.TestPools;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The demos on the board with the fake service, a moving clock and direct executors: when the
 * pools' records are read, what a demo's column says as the clock moves, and what extend, keep,
 * tear down, clean up and launch do and say.
 */
class DemoBoardModelTest {
    private final Host alpha = TestHosts.node("alpha").build();
    private final Host bravo = TestHosts.node("bravo").build();

    @Test
    void everyAnsweringPoolIsReadAtTheFirstTickThenEveryThirtySecondsAndWhenTheSelectedPoolsHostsChangeEnvironment() {
        DemoFixture f = new DemoFixture(alpha, bravo);
        f.demos.add("lab", "Acme", Duration.ofDays(3));
        assertThat(f.demos.calls).as("nothing read before the first tick").isEmpty();

        f.model.tick();
        assertThat(f.demos.calls).containsExactly("list lab", "list field");
        assertThat(f.model.environments()).containsExactly("demo-acme");

        f.clock.advance(Duration.ofSeconds(29));
        f.model.tick();
        assertThat(f.demos.calls(("list"))).as("not yet 30 s").isEqualTo(2);
        f.clock.advance(Duration.ofSeconds(1));
        f.model.tick();
        assertThat(f.demos.calls("list")).isEqualTo(4);

        TestPools.publish(f.lab, List.of(alpha, bravo));
        assertThat(f.demos.calls("list")).as("a new snapshot with the same environments reads nothing").isEqualTo(4);
        TestPools.publish(f.lab, List.of(alpha, TestHosts.node("bravo").in("demo-globex").build()));
        assertThat(f.demos.calls).last().as("a colleague's launch labels hosts: read at once").isEqualTo("list lab");
    }

    @Test
    void aDemoOnItsWayInIsReadEveryFiveSecondsUntilItRuns() {
        DemoFixture f = new DemoFixture(alpha);
        Demo demo = f.demos.add("lab", "Acme", Duration.ofDays(3));
        f.demos.put(demo.withState(DemoState.LAUNCHING, List.of(), null));
        f.model.tick();
        assertThat(f.column("demo-acme").stateText()).isEqualTo("launching…");
        f.demos.put(demo);
        f.clock.advance(Duration.ofSeconds(5));
        f.model.tick();
        assertThat(f.column("demo-acme").status()).isEqualTo(DemoColumnModel.Status.RUNNING);
        long reads = f.demos.calls("list lab");
        f.clock.advance(Duration.ofSeconds(5));
        f.model.tick();
        assertThat(f.demos.calls("list lab")).as("running: back to every 30 s").isEqualTo(reads);
    }

    @Test
    void aDemoLaunchedElsewhereShowsAtTheNextReadWithWhoForWhomItsLinksAndACountdownThatMovesEachTick() {
        DemoFixture f = new DemoFixture(alpha);
        f.model.tick();
        assertThat(f.column("demo-acme")).isNull();

        f.demos.add("lab", "Acme", Duration.ofDays(3));
        f.clock.advance(Duration.ofSeconds(30));
        f.model.tick();
        DemoColumnModel column = f.column("demo-acme");
        assertThat(column.who()).isEqualTo("by alice for Acme");
        assertThat(column.countdown()).isEqualTo("2d 23h left");
        assertThat(column.entryPoints()).extracting(e -> e.url()).containsExactly("http://10.0.0.1:8080/");
        assertThat(column.status()).isEqualTo(DemoColumnModel.Status.RUNNING);

        f.clock.advance(Duration.ofDays(3).minusSeconds(30).minusSeconds(45));
        f.model.tick();
        assertThat(f.column("demo-acme").countdown()).isEqualTo("45s left");

        f.model.open(column.entryPoints().get(0).url());
        f.model.copy(column.entryPoints().get(0).url());
        assertThat(f.opened).containsExactly("http://10.0.0.1:8080/");
        assertThat(f.copied).containsExactly("http://10.0.0.1:8080/");
    }

    @Test
    void anExpiredDemoIsMarkedAndOfferedForTeardownButNothingIsRemovedByItself() {
        DemoFixture f = new DemoFixture(alpha);
        f.demos.add("lab", "Acme", Duration.ofHours(2));
        f.model.tick();

        f.clock.advance(Duration.ofHours(5));
        f.model.tick();
        DemoColumnModel column = f.column("demo-acme");
        assertThat(column.expired()).isTrue();
        assertThat(column.countdown()).isEqualTo("expired 3h 0m ago");
        assertThat(column.canTearDown()).isTrue();
        assertThat(f.demos.calls).noneMatch(c -> c.startsWith("teardown") || c.startsWith("cleanup"));
        assertThat(f.background.titles()).isEmpty();
        assertThat(f.model.environments()).containsExactly("demo-acme");
    }

    @Test
    void extendPastTheTemplatesMaximumShowsWhyTheServiceRefusedAndChangesNothing() {
        DemoFixture f = new DemoFixture(alpha);
        Demo demo = f.demos.add("lab", "Acme", Duration.ofDays(12));
        f.model.tick();

        f.model.extend("demo-acme", Duration.ofDays(3));
        assertThat(f.column("demo-acme").busy()).as("the buttons wait while it runs").isTrue();
        f.background.runAll();
        assertThat(f.notices).containsExactly("demo-acme cannot live past " + demo.latestExpiry() + "; keep it instead");
        assertThat(f.column("demo-acme").busy()).isFalse();
        assertThat(f.demos.get("lab", "demo-acme").expires()).isEqualTo(demo.expires());

        f.model.extend("demo-acme", Duration.ofDays(1));
        f.background.runAll();
        assertThat(f.column("demo-acme").countdown()).isEqualTo("13d 0h left");
        assertThat(f.background.titles()).containsExactly("Extending demo-acme by 3d", "Extending demo-acme by 1d");
    }

    @Test
    void keepExemptsFromExpiryAndTheColumnSaysSo() {
        DemoFixture f = new DemoFixture(alpha);
        f.demos.add("lab", "Acme", Duration.ofHours(1));
        f.model.tick();
        f.model.keep("demo-acme", true);
        f.background.runAll();
        f.clock.advance(Duration.ofDays(2));
        f.model.tick();
        assertThat(f.column("demo-acme").kept()).isTrue();
        assertThat(f.column("demo-acme").expired()).isFalse();
        assertThat(f.column("demo-acme").countdown()).isEqualTo("kept: no expiry");
    }

    @Test
    void aTeardownThatLeavesNothingDropsTheColumnAndOneThatIsStuckNamesWhatIsLeftAndOffersCleanUp() {
        DemoFixture f = new DemoFixture(alpha);
        f.demos.add("lab", "Acme", Duration.ofDays(3));
        f.demos.add("lab", "Globex", Duration.ofDays(3));
        f.model.tick();

        f.model.teardown("demo-acme", null);
        f.background.runAll();
        assertThat(f.column("demo-acme")).isNull();
        assertThat(f.model.environments()).containsExactly("demo-globex");
        assertThat(f.refreshed).as("the board reads the pool again: the hosts are Unassigned").contains("lab");
        assertThat(f.notices).isEmpty();

        String network = "network demo-globex_default on alpha (it has active endpoints)";
        f.demos.onTeardown = env -> new TeardownResult(TeardownResult.Outcome.STUCK, env + " could not be removed entirely",
                List.of(network));
        f.model.teardown("demo-globex", null);
        f.background.runAll();
        DemoColumnModel stuck = f.column("demo-globex");
        assertThat(stuck.stuck()).isTrue();
        assertThat(stuck.left()).containsExactly(network);
        assertThat(stuck.stateText()).isEqualTo("stuck: 1 thing is left");
        assertThat(stuck.canCleanUp()).isTrue();
        assertThat(stuck.canTearDown()).isFalse();
        assertThat(f.notices).singleElement().asString().contains("demo-globex is stuck").contains(network);
        assertThat(f.model.environments()).as("a stuck demo stays in sight").containsExactly("demo-globex");

        f.demos.onTeardown = env -> new TeardownResult(TeardownResult.Outcome.DONE, env + " is gone", List.of());
        f.model.cleanup("demo-globex", null);
        f.background.runAll();
        assertThat(f.column("demo-globex")).isNull();
        assertThat(f.background.titles()).containsExactly("Tearing down demo-acme", "Tearing down demo-globex", "Cleaning up demo-globex");
    }

    @Test
    void aProtectedEnvironmentIsNotTornDownNorCleanedUpWithoutItsNameTyped() {
        DemoFixture f = new DemoFixture(alpha);
        f.demos.add("lab", "Acme", Duration.ofDays(3));
        f.protectedEnvironments.add("demo-acme");
        f.model.tick();
        assertThat(f.model.needsTypedName("demo-acme")).isTrue();

        f.model.teardown("demo-acme", "demo-acm");
        f.background.runAll();
        assertThat(f.demos.calls).noneMatch(c -> c.startsWith("teardown"));
        assertThat(f.notices).containsExactly("demo-acme is protected: type its name to confirm the teardown; nothing was changed");
        f.model.cleanup("demo-acme", null);
        assertThat(f.notices).last().isEqualTo("demo-acme is protected: type its name to confirm the clean-up; nothing was changed");
        assertThat(f.background.titles()).as("no operation started").isEmpty();

        f.model.teardown("demo-acme", "demo-acme");
        f.background.runAll();
        assertThat(f.demos.calls).as("the service gets the name typed, and checks it itself").contains("teardown demo-acme confirmed demo-acme");
    }

    @Test
    void aLaunchRunsAsAnOperationThatCanBeCancelledAndItsDemoIsSpotlightedOnceItRuns() {
        DemoFixture f = new DemoFixture(alpha, bravo);
        f.demos.templates = LaunchFormModelTest.listing();
        f.model.tick();
        LaunchFormModel[] shown = new LaunchFormModel[1];
        f.model.prepareLaunch(form -> shown[0] = form);
        assertThat(f.demos.calls).contains("templates lab");
        LaunchFormModel form = shown[0];
        form.customerProperty().set("Initech");
        assertThat(form.validProperty().get()).as(form.hostsProblemProperty().get()).isTrue();
        f.demos.onLaunch = request -> new LaunchResult(LaunchResult.Outcome.LAUNCHED, "demo-initech runs",
                f.demos.add("lab", "Initech", Duration.ofDays(3)), null, false);
        String[] spotlighted = new String[1];
        f.model.spotlightProperty().addListener((obs, old, now) -> spotlighted[0] = now);

        f.model.launch(form);
        assertThat(f.background.titles()).containsExactly("Launching demo demo-initech (template webshop, pool lab)");
        f.background.runAll();
        assertThat(f.demos.launched).singleElement().satisfies(request -> {
            assertThat(request.template()).isEqualTo("webshop");
            assertThat(request.customer()).isEqualTo("Initech");
            assertThat(request.hostCount()).isEqualTo(2);
        });
        assertThat(f.column("demo-initech").countdown()).isEqualTo("3d 0h left");
        assertThat(spotlighted[0]).isEqualTo("demo-initech");
        assertThat(f.refreshed).contains("lab");
        assertThat(f.notices).isEmpty();
    }

    @Test
    void cancelInTheOperationsListTellsTheLaunchAndTheTeardownToStopAtTheirNextCheck() {
        DemoFixture f = new DemoFixture(alpha, bravo);
        f.demos.templates = LaunchFormModelTest.listing();
        f.demos.add("lab", "Acme", Duration.ofDays(3));
        f.model.tick();
        LaunchFormModel[] shown = new LaunchFormModel[1];
        f.model.prepareLaunch(form -> shown[0] = form);
        shown[0].customerProperty().set("Initech");
        f.demos.onLaunch = request -> LaunchResult.refused("cancelled before anything changed");
        f.model.launch(shown[0]);
        f.model.teardown("demo-acme", null);
        f.background.cancelAll();
        f.background.runAll();
        assertThat(f.demos.tokens).hasSize(2).allSatisfy(token -> assertThat(token.isCancelled()).isTrue());
        assertThat(f.notices).containsExactly("cancelled before anything changed");
    }

    @Test
    void theOpenFormFollowsThePoolsHostsUntilItIsClosed() {
        DemoFixture f = new DemoFixture(alpha, bravo);
        f.demos.templates = LaunchFormModelTest.listing();
        LaunchFormModel[] shown = new LaunchFormModel[1];
        f.model.prepareLaunch(form -> shown[0] = form);
        LaunchFormModel form = shown[0];
        form.customerProperty().set("Initech");
        assertThat(form.validProperty().get()).isTrue();

        TestPools.publish(f.lab, List.of(alpha, TestHosts.node("bravo").in("qa").build()));
        assertThat(form.hostsProblemProperty().get()).isEqualTo("needs 2 free hosts; pool lab has 1 in Unassigned (alpha): 1 missing");
        assertThat(form.validProperty().get()).isFalse();

        form.close();
        TestPools.publish(f.lab, List.of(alpha, bravo));
        assertThat(form.validProperty().get()).as("closed: no longer fed").isFalse();
    }

    @Test
    void aRefusedLaunchShowsTheServicesMessage() {
        DemoFixture f = new DemoFixture(alpha, bravo);
        f.demos.templates = LaunchFormModelTest.listing();
        LaunchFormModel[] shown = new LaunchFormModel[1];
        f.model.prepareLaunch(form -> shown[0] = form);
        shown[0].customerProperty().set("Initech");
        String refusal = "a demo of webshop needs 2 free hosts; pool lab has 1 in Unassigned (alpha): 1 missing; nothing was changed";
        f.demos.onLaunch = request -> LaunchResult.refused(refusal);
        f.model.launch(shown[0]);
        f.background.runAll();
        assertThat(f.notices).containsExactly(refusal);
        assertThat(f.column("demo-initech")).isNull();
    }

    @Test
    void clickingAnotherPoolsNotificationSelectsThatPoolAndSpotlightsTheDemo() {
        DemoFixture f = new DemoFixture(alpha);
        f.demos.add("field", "Umbrella", Duration.ofDays(3));
        f.model.tick();
        f.clock.advance(Duration.ofDays(3).minusMinutes(50));
        f.model.tick();
        assertThat(f.notified).containsExactly("Demo demo-umbrella expires in 1 h");
        String[] spotlighted = new String[1];
        f.model.spotlightProperty().addListener((obs, old, now) -> spotlighted[0] = now);

        f.clicks.get(0).run();
        assertThat(f.selected.get()).isSameAs(f.field);
        assertThat(spotlighted[0]).isEqualTo("demo-umbrella");
        assertThat(f.column("demo-umbrella").customer()).isEqualTo("Umbrella");
    }

    @Test
    void theProblemsOfAReadAreShownAndAStuckRecordFromElsewhereShowsStuck() {
        DemoFixture f = new DemoFixture(alpha);
        Demo demo = f.demos.add("lab", "Acme", Duration.ofDays(3));
        f.demos.put(demo.withState(DemoState.STUCK, List.of("container demo-acme_shop_1 on alpha (the engine does not answer)"),
                "the teardown could not remove everything"));
        f.demos.listingProblems = List.of("envboard-host-3: the engine does not answer (its demo records are not read)");
        f.model.tick();
        assertThat(f.model.problemsProperty().get()).isEqualTo("envboard-host-3: the engine does not answer (its demo records are not read)");
        assertThat(f.column("demo-acme").detail()).contains("container demo-acme_shop_1 on alpha (the engine does not answer)");
    }
}
