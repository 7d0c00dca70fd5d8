package dev.envboard.demo.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envboard.deploy.compose.StackLoader;
import dev.envboard.yaml.InputProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** template.yaml and its stack: a good template read whole, and each kind of bad one named by file, line and key. */
class TemplateReaderTest {
    private static final String COMPOSE = """
            services:
              web:
                image: envboard/demo:1
                environment:
                  CUSTOMER: ${CUSTOMER}
                  GREETING: ${GREETING}
                ports:
                  - "8080:80"
              worker:
                image: envboard/demo:1
            """;
    private static final String GOOD = """
            title: Shop
            description: A shop for a customer.
            hosts: 2
            lifetime:
              default: 3d
              max: 2w
            variables:
              GREETING:
                label: Greeting
                default: Hello
                required: true
                pattern: "[A-Za-z ]+"
                max-length: 20
              DATASET:
            entry-points:
              web:8080: Web shop
            """;

    @TempDir
    Path templates;

    private final TemplateReader reader = new TemplateReader(new StackLoader());

    private Path template(String name, String templateYaml, String compose) throws IOException {
        Path folder = Files.createDirectories(templates.resolve(name));
        Files.writeString(folder.resolve("template.yaml"), templateYaml);
        if (compose != null) {
            Files.writeString(folder.resolve("compose.yaml"), compose);
        }
        return folder;
    }

    private List<String> problems(String templateYaml, String compose) throws IOException {
        Path folder = template("bad", templateYaml, compose);
        try {
            reader.read(folder);
        } catch (TemplateException e) {
            return e.problems().stream().map(p -> p.toString().replace(templates.toString() + "/", "")).toList();
        }
        throw new AssertionError("expected the template to be refused");
    }

    @Test
    void aGoodTemplateIsReadWhole() throws Exception {
        DemoTemplate template = reader.read(template("shop", GOOD, COMPOSE));

        assertThat(template.name()).isEqualTo("shop");
        assertThat(template.title()).isEqualTo("Shop");
        assertThat(template.description()).isEqualTo("A shop for a customer.");
        assertThat(template.hosts()).isEqualTo(2);
        assertThat(template.lifetime()).isEqualTo(new Lifetime(Duration.ofDays(3), Duration.ofDays(14)));
        assertThat(template.variables()).containsExactly(
                new TemplateVariable("GREETING", "Greeting", "Hello", true, "[A-Za-z ]+", 20, 9),
                new TemplateVariable("DATASET", "DATASET", null, false, null, 0, 14));
        assertThat(template.entryPoints()).containsExactly(new EntryPointSpec("web", 8080, "Web shop", "/", 16));
        assertThat(template.composeFile()).isEqualTo(templates.resolve("shop/compose.yaml"));
        assertThat(template.warnings()).isEmpty();
    }

    @Test
    void anEntryPointMayHaveAPath() throws Exception {
        DemoTemplate template = reader.read(template("shop", GOOD.replace("  web:8080: Web shop\n",
                "  web:8080:\n    title: Status\n    path: /status\n"), COMPOSE));
        assertThat(template.entryPoints()).containsExactly(new EntryPointSpec("web", 8080, "Status", "/status", 17));
    }

    @Test
    void theExampleTemplateIsGood() throws Exception {
        DemoTemplate template = reader.read(Path.of("examples/templates/webshop").toAbsolutePath());
        assertThat(template.hosts()).isEqualTo(2);
        assertThat(template.entryPoints()).extracting(EntryPointSpec::target).containsExactly("shop:8080", "api:9090");
        assertThat(template.warnings()).isEmpty();
    }

    @Test
    void unknownKeysAreWarnings() throws Exception {
        DemoTemplate template = reader.read(template("shop", GOOD + "colour: blue\n", COMPOSE));
        assertThat(template.warnings()).extracting(InputProblem::toString)
                .containsExactly(templates.resolve("shop/template.yaml") + ":17: colour: warning: unknown key, ignored");
    }

    @Test
    void missingKeysAreEachNamed() throws Exception {
        assertThat(problems("description: only this\n", COMPOSE)).containsExactly(
                "bad/template.yaml:1: title: is required",
                "bad/template.yaml:1: hosts: is required",
                "bad/template.yaml:1: lifetime: is required",
                "bad/template.yaml:1: entry-points: is required");
    }

    @Test
    void badValuesAreEachNamedWithTheirLineAndKey() throws Exception {
        String bad = """
                title: ""
                hosts: 0
                lifetime:
                  default: 3 days
                  max: 1d
                variables:
                  1ST:
                    default: x
                  ENVIRONMENT:
                    default: prod
                  GREETING:
                    pattern: "[a-z"
                  NAME:
                    default: "Far too long a name"
                    max-length: 5
                  LEVEL:
                    required: perhaps
                entry-points:
                  web: Web shop
                  web:99999: Too far
                """;
        assertThat(problems(bad, COMPOSE)).containsExactly(
                "bad/template.yaml:1: title: is empty",
                "bad/template.yaml:2: hosts: must be 1 or more (how many hosts a demo needs), not 0",
                "bad/template.yaml:4: lifetime.default: not a duration: \"3 days\" (write it like 3d, 12h, 30m, 1w or 1d12h)",
                "bad/template.yaml:8: variables.1ST: a variable name uses letters, digits and '_', not starting with a digit",
                "bad/template.yaml:10: variables.ENVIRONMENT: ENVIRONMENT is set by Envboard (CUSTOMER, ENVIRONMENT, OWNER are); "
                        + "use it in the stack without declaring it",
                "bad/template.yaml:12: variables.GREETING.pattern: not a valid regular expression: Unclosed character class near index 3",
                "bad/template.yaml:14: variables.NAME.default: the default does not pass its own check: NAME is at most 5 characters, not 19",
                "bad/template.yaml:17: variables.LEVEL.required: must be true or false, not \"perhaps\"",
                "bad/template.yaml:19: entry-points.web: an entry point is SERVICE:PORT (the port the service publishes), e.g. web:8080",
                "bad/template.yaml:20: entry-points.web:99999: port 99999 is not between 1 and 65535");
    }

    @Test
    void aDefaultLongerThanTheMaximumIsRefused() throws Exception {
        assertThat(problems(GOOD.replace("default: 3d", "default: 3w"), COMPOSE))
                .containsExactly("bad/template.yaml:5: lifetime.default: is longer than max (14d)");
    }

    @Test
    void entryPointsMustNameAServiceAndAPortItPublishes() throws Exception {
        String points = GOOD.replace("  web:8080: Web shop\n", "  web:8080: Web shop\n  web:9090: Admin\n  worker:80: Worker\n  shop:80: Shop\n");
        assertThat(problems(points, COMPOSE)).containsExactly(
                "bad/template.yaml:17: entry-points.web:9090: service web publishes no port 9090 (it publishes 8080)",
                "bad/template.yaml:18: entry-points.worker:80: service worker publishes no port 80 (it publishes none: add ports: "
                        + "[\"80:CONTAINER_PORT\"] in compose.yaml)",
                "bad/template.yaml:19: entry-points.shop:80: no service \"shop\" in compose.yaml (services: web, worker)");
    }

    @Test
    void problemsOfTheStackComeWithThoseOfTheTemplate() throws Exception {
        List<String> found = problems(GOOD.replace("hosts: 2", "hosts: none"), COMPOSE.replace("    image: envboard/demo:1\n    environment:",
                "    environment:"));
        assertThat(found).containsExactly(
                "bad/compose.yaml:2: services.web.image: is required: name the image to run",
                "bad/template.yaml:3: hosts: must be a whole number, not \"none\"");
    }

    @Test
    void aTemplateWithoutAStackOrWithBrokenYamlIsRefused() throws Exception {
        assertThat(problems(GOOD, null)).containsExactly(
                "bad/compose.yaml: no such file: a template needs its stack beside template.yaml (compose.yml, "
                        + "docker-compose.yaml and docker-compose.yml are accepted too)");
        Files.delete(templates.resolve("bad/template.yaml"));
        assertThat(problems("title: [unclosed\n", COMPOSE)).singleElement().asString()
                .startsWith("bad/template.yaml:2: not valid YAML");
    }

    @Test
    void theCatalogListsGoodAndBadTemplatesApart() throws Exception {
        template("shop", GOOD, COMPOSE);
        template("broken", GOOD.replace("hosts: 2", "hosts: -1"), COMPOSE);
        Files.createDirectories(templates.resolve("not-a-template"));

        TemplateCatalog.Listing listing = new TemplateCatalog(reader).list(templates);

        assertThat(listing.templates()).extracting(DemoTemplate::name).containsExactly("shop");
        assertThat(listing.invalid()).containsOnlyKeys("broken");
        assertThat(listing.invalid().get("broken")).extracting(InputProblem::line).containsExactly(3);
        assertThatThrownBy(() -> new TemplateCatalog(reader).find(templates, "nope"))
                .hasMessageContaining("no template \"nope\" here (templates: shop)");
        assertThatThrownBy(() -> new TemplateCatalog(reader).find(templates, "../shop"))
                .hasMessageContaining("no template \"../shop\"");
    }
}
