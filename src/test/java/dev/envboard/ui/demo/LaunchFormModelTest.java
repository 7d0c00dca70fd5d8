package dev.envboard.ui.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.demo.LaunchRequest;
import dev.envboard.demo.template.DemoTemplate;
import dev.envboard.demo.template.EntryPointSpec;
import dev.envboard.demo.template.Lifetime;
import dev.envboard.demo.template.TemplateCatalog;
import dev.envboard.demo.template.TemplateVariable;
import dev.envboard.pool.Host;
import dev.envboard.pool.HostState;
import dev.envboard.testing.TestHosts;
import dev.envboard.ui.shell.TestPools;
import dev.envboard.yaml.InputProblem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The launch form: which templates can be chosen, what each field says while the user types,
 * the hosts (free ones counted before anything changes, or the selected cards), the lifetime
 * within the template's maximum, and the request Launch sends.
 */
class LaunchFormModelTest {
    private static final Path FOLDER = Path.of("/templates/webshop");
    private static final Path BROKEN = Path.of("/templates/broken/template.yaml");

    private final Host alpha = TestHosts.node("alpha").build();
    private final Host bravo = TestHosts.node("bravo").build();
    private final Host charlie = TestHosts.node("charlie").build();
    private final Host down = TestHosts.node("delta").state(HostState.DOWN).build();
    private final Host inQa = TestHosts.node("echo").in("qa").build();

    /** webshop (2 hosts, 3d, at most 14d, SHOP_NAME and DATASET), and "broken" with two problems. */
    static TemplateCatalog.Listing listing() {
        DemoTemplate webshop = new DemoTemplate("webshop", FOLDER, FOLDER.resolve("compose.yaml"), FOLDER.resolve("template.yaml"),
                "Web shop", "A small web shop", 2, new Lifetime(Duration.ofDays(3), Duration.ofDays(14)),
                List.of(new TemplateVariable("SHOP_NAME", "Shop name shown on the page", "Web shop", false, "[A-Za-z0-9 .,'&-]+", 40, 13),
                        new TemplateVariable("DATASET", "Data set", "small", true, "small|large", 0, 18)),
                List.of(new EntryPointSpec("shop", 8080, "Web shop", "/", 29)), List.of());
        return new TemplateCatalog.Listing(List.of(webshop), Map.of("broken", List.of(
                InputProblem.error(BROKEN, 3, "hosts", "must be a whole number of at least 1, not \"two\""),
                InputProblem.error(BROKEN, 9, "entry-points.web:80", "no service \"web\" in compose.yaml (services: shop)"))), null);
    }

    private LaunchFormModel form(List<Host> hosts, List<Host> selected) {
        return new LaunchFormModel(TestPools.lab(), listing(), hosts, selected, Set.of("qa", "demo-globex"));
    }

    @Test
    void theGoodTemplateIsChosenAndABadOneIsListedWithItsProblemsButCannotBeChosen() {
        LaunchFormModel form = form(List.of(alpha, bravo), List.of());
        assertThat(form.templates()).extracting(LaunchFormModel.TemplateChoice::name).containsExactly("webshop", "broken");
        assertThat(form.templateProperty().get().name()).isEqualTo("webshop");
        assertThat(form.templates().get(0).summary()).isEqualTo("needs 2 hosts · lives 3d, at most 14d");
        LaunchFormModel.TemplateChoice broken = form.templates().get(1);
        assertThat(broken.launchable()).isFalse();
        assertThat(broken.problems()).containsExactly(
                BROKEN + ":3: hosts: must be a whole number of at least 1, not \"two\"",
                BROKEN + ":9: entry-points.web:80: no service \"web\" in compose.yaml (services: shop)");
        assertThat(form.choose(broken)).isFalse();
        assertThat(form.templateProperty().get().name()).isEqualTo("webshop");
        assertThat(form.variables()).extracting(LaunchFormModel.VariableField::label)
                .containsExactly("Shop name shown on the page", "Data set");
        assertThat(form.variables()).extracting(v -> v.valueProperty().get()).containsExactly("Web shop", "small");
        assertThat(form.hostCountProperty().get()).isEqualTo(2);
        assertThat(form.lifetimeProperty().get()).isEqualTo("3d");
        assertThat(form.lifetimeHintProperty().get()).isEqualTo("3d by default, at most 14d");
    }

    @Test
    void theCustomerNamesTheDemoAndANameOnTheBoardAlreadyIsRefusedWhileTyping() {
        LaunchFormModel form = form(List.of(alpha, bravo), List.of());
        assertThat(form.validProperty().get()).isFalse();
        assertThat(form.customerProblemProperty().get()).isEqualTo("name the customer: the demo is called demo-CUSTOMER");

        form.customerProperty().set("Acme Corp.");
        assertThat(form.environmentProperty().get()).isEqualTo("demo-acme-corp");
        assertThat(form.customerProblemProperty().get()).isEmpty();
        assertThat(form.validProperty().get()).isTrue();

        form.customerProperty().set("Globex");
        assertThat(form.customerProblemProperty().get())
                .isEqualTo("demo-globex is on the board already: name the customer differently, or tear that one down first");
        assertThat(form.validProperty().get()).isFalse();

        form.customerProperty().set("!!!");
        assertThat(form.customerProblemProperty().get()).startsWith("name the customer with at least one letter or digit");
        assertThat(form.validProperty().get()).isFalse();
    }

    @Test
    void eachVariableSaysWhatIsWrongWithItsValueAndLaunchWaitsUntilAllAreRight() {
        LaunchFormModel form = form(List.of(alpha, bravo), List.of());
        form.customerProperty().set("Acme");
        LaunchFormModel.VariableField dataset = form.variables().get(1);
        dataset.valueProperty().set("huge");
        assertThat(dataset.problemProperty().get()).isEqualTo("DATASET \"huge\" does not match small|large");
        assertThat(form.validProperty().get()).isFalse();
        dataset.valueProperty().set("");
        assertThat(dataset.problemProperty().get()).isEqualTo("DATASET is required (Data set)");
        LaunchFormModel.VariableField shop = form.variables().get(0);
        shop.valueProperty().set("x".repeat(41));
        assertThat(shop.problemProperty().get()).isEqualTo("SHOP_NAME is at most 40 characters, not 41");

        dataset.valueProperty().set("large");
        shop.valueProperty().set("Acme's shop");
        assertThat(form.validProperty().get()).isTrue();
        LaunchRequest request = form.request();
        assertThat(request.variables()).isEqualTo(Map.of("SHOP_NAME", "Acme's shop", "DATASET", "large"));
        assertThat(request.customer()).isEqualTo("Acme");
        assertThat(request.template()).isEqualTo("webshop");
        assertThat(request.hostCount()).isEqualTo(2);
        assertThat(request.hosts()).isEmpty();
        assertThat(request.lifetime()).isEqualTo(Duration.ofDays(3));
    }

    @Test
    void tooFewFreeHostsSaysHowManyAreMissingBeforeAnythingChanges() {
        LaunchFormModel form = form(List.of(alpha, down, inQa), List.of());
        form.customerProperty().set("Acme");
        assertThat(form.hostsProblemProperty().get())
                .isEqualTo("needs 2 free hosts; pool lab has 1 in Unassigned (alpha): 1 missing");
        assertThat(form.validProperty().get()).isFalse();

        form.hostCountProperty().set(1);
        assertThat(form.hostsProblemProperty().get()).isEqualTo("webshop needs at least 2 hosts");

        LaunchFormModel enough = form(List.of(alpha, bravo, charlie), List.of());
        enough.customerProperty().set("Acme");
        enough.hostCountProperty().set(3);
        assertThat(enough.hostsProblemProperty().get()).isEmpty();
        assertThat(enough.hostsTextProperty().get()).isEqualTo("on alpha, bravo, charlie (3 of 3 free)");
        enough.hostCountProperty().set(4);
        assertThat(enough.hostsProblemProperty().get())
                .isEqualTo("needs 4 free hosts; pool lab has 3 in Unassigned (alpha, bravo, charlie): 1 missing");
    }

    @Test
    void theFreeHostsAreCountedAgainWhenThePoolChangesWhileTheFormIsOpen() {
        LaunchFormModel form = form(List.of(alpha, inQa), List.of());
        form.customerProperty().set("Acme");
        assertThat(form.validProperty().get()).isFalse();
        form.hosts(List.of(alpha, TestHosts.node("echo").build()));
        assertThat(form.hostsProblemProperty().get()).isEmpty();
        assertThat(form.hostsTextProperty().get()).isEqualTo("on alpha, echo (2 of 2 free)");
        assertThat(form.validProperty().get()).isTrue();
    }

    @Test
    void cardsSelectedInUnassignedAreOfferedAsTheDemosHosts() {
        LaunchFormModel form = form(List.of(alpha, bravo, charlie), List.of(charlie, alpha));
        form.customerProperty().set("Acme");
        assertThat(form.canUseSelected()).isTrue();
        assertThat(form.useSelectedProperty().get()).isTrue();
        assertThat(form.validProperty().get()).isTrue();
        assertThat(form.request().hosts()).containsExactly(charlie.key(), alpha.key());
        assertThat(form.request().hostCount()).isZero();

        LaunchFormModel one = form(List.of(alpha, bravo), List.of(bravo));
        one.customerProperty().set("Acme");
        assertThat(one.hostsProblemProperty().get()).isEqualTo("webshop needs 2 hosts; 1 selected: 1 missing");
        one.useSelectedProperty().set(false);
        assertThat(one.validProperty().get()).as("two free hosts picked instead").isTrue();
        assertThat(one.request().hosts()).isEmpty();

        LaunchFormModel elsewhere = form(List.of(alpha, bravo, inQa), List.of(inQa));
        assertThat(elsewhere.canUseSelected()).as("a card in qa is no free host").isFalse();
    }

    @Test
    void theLifetimeIsWithinTheTemplatesMaximumAndEmptyMeansItsDefault() {
        LaunchFormModel form = form(List.of(alpha, bravo), List.of());
        form.customerProperty().set("Acme");
        form.lifetimeProperty().set("20d");
        assertThat(form.lifetimeProblemProperty().get())
                .isEqualTo("a demo of webshop lives at most 14d (keep it once launched to go past that)");
        assertThat(form.validProperty().get()).isFalse();
        form.lifetimeProperty().set("soon");
        assertThat(form.lifetimeProblemProperty().get()).startsWith("not a duration: \"soon\"");
        form.lifetimeProperty().set("1w");
        assertThat(form.validProperty().get()).isTrue();
        assertThat(form.request().lifetime()).isEqualTo(Duration.ofDays(7));
        form.lifetimeProperty().set("");
        assertThat(form.validProperty().get()).isTrue();
        assertThat(form.request().lifetime()).as("the template's default").isNull();
    }

    @Test
    void aPoolWithoutTemplatesSaysWhy() {
        LaunchFormModel form = new LaunchFormModel(TestPools.lab(), new TemplateCatalog.Listing(List.of(), Map.of(),
                "the pool has no templates: folder in pools.yaml"), List.of(alpha), List.of(), Set.of());
        form.customerProperty().set("Acme");
        assertThat(form.listingProblem()).isEqualTo("the pool has no templates: folder in pools.yaml");
        assertThat(form.templateProperty().get()).isNull();
        assertThat(form.validProperty().get()).isFalse();
    }
}
