package dev.envboard.demo.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The values a launch gives a template's variables: given, else the default, every problem at once. */
class TemplateVariablesTest {
    private static final DemoTemplate TEMPLATE = new DemoTemplate("shop", Path.of("t/shop"), Path.of("t/shop/compose.yaml"),
            Path.of("t/shop/template.yaml"), "Shop", "", 2, new Lifetime(Duration.ofDays(3), Duration.ofDays(14)),
            List.of(new TemplateVariable("SHOP_NAME", "Shop name", "Web shop", true, "[A-Za-z ]+", 12, 5),
                    new TemplateVariable("DATASET", "Data set", "small", false, "small|large", 0, 9),
                    new TemplateVariable("LICENCE", "Licence key", null, true, null, 0, 12),
                    new TemplateVariable("NOTE", "NOTE", null, false, null, 0, 14)),
            List.of(new EntryPointSpec("web", 8080, "Web shop", "/", 20)), List.of());

    @Test
    void givenValuesWinAndDefaultsFillTheRest() {
        TemplateVariables.Resolved resolved = TemplateVariables.resolve(TEMPLATE, Map.of("DATASET", "large", "LICENCE", "K-1"));

        assertThat(resolved.ok()).isTrue();
        assertThat(resolved.values()).containsExactly(Map.entry("SHOP_NAME", "Web shop"), Map.entry("DATASET", "large"),
                Map.entry("LICENCE", "K-1"), Map.entry("NOTE", ""));
        assertThat(resolved.forStack("Acme Corp", "alice")).containsEntry("CUSTOMER", "Acme Corp").containsEntry("OWNER", "alice")
                .containsEntry("DATASET", "large");
    }

    @Test
    void everyRefusedValueAndUnknownNameIsSaidAtOnce() {
        TemplateVariables.Resolved resolved = TemplateVariables.resolve(TEMPLATE,
                Map.of("SHOP_NAME", "Shop & Co", "DATASET", "huge", "COLOUR", "red", "CUSTOMER", "x"));

        assertThat(resolved.ok()).isFalse();
        assertThat(resolved.problems()).containsExactly(
                "SHOP_NAME \"Shop & Co\" does not match [A-Za-z ]+",
                "DATASET \"huge\" does not match small|large",
                "LICENCE is required (Licence key)",
                "template shop has no variable COLOUR (it has SHOP_NAME, DATASET, LICENCE, NOTE)",
                "CUSTOMER is set by Envboard, not by --set");
    }

    @Test
    void aValueLongerThanItsMaximumIsRefusedAndAnEmptyRequiredOneToo() {
        TemplateVariables.Resolved resolved = TemplateVariables.resolve(TEMPLATE,
                Map.of("SHOP_NAME", "A very long shop name", "LICENCE", ""));
        assertThat(resolved.problems()).containsExactly("SHOP_NAME is at most 12 characters, not 21",
                "LICENCE is required (Licence key)");
    }
}
