package dev.envboard.pool.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DaemonJsonTest {
    private static final String HOST = "envboard-host-2";
    private static final String PATH = "/etc/docker/daemon.json";

    /** As the sandbox writes it (and as Envboard writes it back). */
    private static final String UNASSIGNED = """
            {
              "labels": [
                "owner=platform"
              ],
              "log-driver": "json-file",
              "log-opts": {
                "max-size": "10m"
              }
            }
            """;
    private static final String QA = """
            {
              "labels": [
                "environment=qa",
                "owner=platform"
              ],
              "log-driver": "json-file",
              "log-opts": {
                "max-size": "10m"
              }
            }
            """;

    private static DaemonJson parse(String text) throws LabelChangeException {
        return DaemonJson.parse(text, HOST, PATH);
    }

    @Test
    void addsTheLabelAfterTheOthersAndKeepsEveryOtherKeyInOrder() throws Exception {
        assertThat(parse(UNASSIGNED).withLabel("environment", "qa")).isEqualTo("""
                {
                  "labels": [
                    "owner=platform",
                    "environment=qa"
                  ],
                  "log-driver": "json-file",
                  "log-opts": {
                    "max-size": "10m"
                  }
                }
                """);
    }

    @Test
    void replacesTheLabelWhereItWas() throws Exception {
        assertThat(parse(QA).withLabel("environment", "demo")).isEqualTo(QA.replace("environment=qa", "environment=demo"));
    }

    @Test
    void removingTheLabelKeepsTheOthers() throws Exception {
        assertThat(parse(QA).withLabel("environment", null)).isEqualTo(UNASSIGNED);
    }

    @Test
    void everyEntryOfTheKeyGoesIncludingABareKey() throws Exception {
        String text = "{\"labels\": [\"environment=a\", \"rack=r1\", \"environment\", \"environments=x\", \"environment=b\"]}";

        assertThat(parse(text).withLabel("environment", "c")).isEqualTo("""
                {
                  "labels": [
                    "environment=c",
                    "rack=r1",
                    "environments=x"
                  ]
                }
                """);
        assertThat(parse(text).valuesOf("environment")).containsExactly("a", "", "b");
    }

    @Test
    void whenTheLastLabelGoesAnEmptyListIsWrittenNotNothing() throws Exception {
        String text = "{\"debug\": true, \"labels\": [\"environment=qa\"], \"data-root\": \"/srv/docker\"}";

        assertThat(parse(text).withLabel("environment", null)).isEqualTo("""
                {
                  "debug": true,
                  "labels": [],
                  "data-root": "/srv/docker"
                }
                """);
    }

    @Test
    void aFileWithoutLabelsGetsTheKeyAtTheEnd() throws Exception {
        String text = "{\"debug\": false, \"log-opts\": {}}";

        assertThat(parse(text).withLabel("environment", "qa")).isEqualTo("""
                {
                  "debug": false,
                  "log-opts": {},
                  "labels": [
                    "environment=qa"
                  ]
                }
                """);
    }

    @Test
    void anUnchangedLabelReturnsTheTextAsItWasWithoutReformatting() throws Exception {
        String compact = "{\"labels\":[\"environment=qa\"],\"debug\":true}";

        assertThat(parse(compact).withLabel("environment", "qa")).isSameAs(compact);
        assertThat(parse("{\"debug\":true}").withLabel("environment", null)).isEqualTo("{\"debug\":true}");
    }

    @Test
    void anEmptyOrMissingFileCountsAsAnEmptyObject() throws Exception {
        assertThat(parse("").labels()).isEmpty();
        assertThat(parse(" \n").withLabel("environment", null)).isEqualTo(" \n");
        assertThat(parse("").withLabel("environment", "qa")).isEqualTo("""
                {
                  "labels": [
                    "environment=qa"
                  ]
                }
                """);
    }

    @Test
    void valuesAndNumbersAreWrittenBackExactly() throws Exception {
        String text = "{\"max-concurrent-downloads\": 3, \"ratio\": 1.50, \"huge\": 123456789012345678901234567890,"
                + " \"exp\": 1e3, \"name\": \"caf\u00e9 \\\"x\\\" \\u0001\", \"nothing\": null, \"labels\": []}";

        assertThat(parse(text).withLabel("environment", "qa")).isEqualTo("""
                {
                  "max-concurrent-downloads": 3,
                  "ratio": 1.50,
                  "huge": 123456789012345678901234567890,
                  "exp": 1E+3,
                  "name": "caf\u00e9 \\"x\\" \\u0001",
                  "nothing": null,
                  "labels": [
                    "environment=qa"
                  ]
                }
                """);
    }

    @Test
    void invalidJsonIsRefusedWithFileHostLineAndColumn() {
        String trailingComma = """
                {
                  "labels": [
                    "environment=qa",
                  ]
                }
                """;

        assertThatThrownBy(() -> parse(trailingComma))
                .isInstanceOf(LabelChangeException.class)
                .hasMessageStartingWith("envboard-host-2: /etc/docker/daemon.json line 4, column 3 is not valid JSON (Unexpected character (']' (code 93))")
                .hasMessageContaining("fix the file first");
    }

    @Test
    void whatGoRefusesIsRefused() {
        String notJson = "envboard-host-2: /etc/docker/daemon.json line %d, column %d is not valid JSON (";
        String unreadable = "; fix the file first, Envboard changes nothing in a file it cannot read";
        assertThatThrownBy(() -> parse("{\"labels\": [] // a comment\n}")).isInstanceOf(LabelChangeException.class)
                .hasMessageStartingWith(notJson.formatted(1, 15)).hasMessageEndingWith(unreadable);
        assertThatThrownBy(() -> parse("{\"labels\": []} {}")).isInstanceOf(LabelChangeException.class)
                .hasMessageStartingWith(notJson.formatted(1, 16)).hasMessageEndingWith(unreadable);
        assertThatThrownBy(() -> parse("{'labels': []}")).isInstanceOf(LabelChangeException.class)
                .hasMessageStartingWith(notJson.formatted(1, 2)).hasMessageEndingWith(unreadable);
        assertThatThrownBy(() -> parse("{\"labels\": [")).isInstanceOf(LabelChangeException.class)
                .hasMessageStartingWith("envboard-host-2: /etc/docker/daemon.json line ").hasMessageContaining("is not valid JSON")
                .hasMessageNotContaining("Source");
    }

    @Test
    void aTopLevelThatIsNotAnObjectIsRefused() {
        assertThatThrownBy(() -> parse("[\"environment=qa\"]"))
                .hasMessage("envboard-host-2: /etc/docker/daemon.json holds a list where dockerd expects an object ({...}); fix the file first");
        assertThatThrownBy(() -> parse("\"labels\"")).isInstanceOf(LabelChangeException.class)
                .hasMessage("envboard-host-2: /etc/docker/daemon.json holds a string (\"labels\") where dockerd expects an object"
                        + " ({...}); fix the file first");
    }

    @Test
    void labelsThatAreNotAListOfStringsAreRefused() {
        assertThatThrownBy(() -> parse("{\"labels\": \"environment=qa\"}"))
                .isInstanceOf(LabelChangeException.class)
                .hasMessage("envboard-host-2: /etc/docker/daemon.json: \"labels\" is a string (\"environment=qa\"),"
                        + " not a list of \"key=value\" strings; fix the file first");
        assertThatThrownBy(() -> parse("{\"labels\": {\"environment\": \"qa\"}}")).isInstanceOf(LabelChangeException.class)
                .hasMessageStartingWith("envboard-host-2: /etc/docker/daemon.json: \"labels\" is an object")
                .hasMessageEndingWith("; fix the file first");
        assertThatThrownBy(() -> parse("{\"labels\": [\"owner=platform\", 3]}")).isInstanceOf(LabelChangeException.class)
                .hasMessageStartingWith("envboard-host-2: /etc/docker/daemon.json: ")
                .hasMessageContaining("\"labels\" holds a number (3), where only \"key=value\" strings are allowed");
    }

    @Test
    void aKeyMustBeAKey() {
        assertThatThrownBy(() -> parse("{}").withLabel("", "qa")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a label key: \"\"");
        assertThatThrownBy(() -> parse("{}").withLabel("environment=qa", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a label key: \"environment=qa\"");
    }

    @Test
    void aByteOrderMarkIsAcceptedAsDockerdDoes() throws Exception {
        assertThat(parse("\uFEFF{\"labels\": [\"environment=qa\"]}").valuesOf("environment")).containsExactly("qa");
    }
}
