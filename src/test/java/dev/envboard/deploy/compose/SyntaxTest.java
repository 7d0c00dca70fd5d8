package dev.envboard.deploy.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The small parsers: shell words, durations, short port syntax. */
class SyntaxTest {
    @Test
    void shellWordsHandleQuotesAndBackslashes() {
        assertThat(ShellWords.split("  sh -c 'echo \"hi there\"' \"a \\\"b\\\"\" c\\ d ''")).containsExactly(
                "sh", "-c", "echo \"hi there\"", "a \"b\"", "c d", "");
        assertThat(ShellWords.split("")).isEmpty();
        assertThatThrownBy(() -> ShellWords.split("echo 'open")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a single quote is never closed");
        assertThatThrownBy(() -> ShellWords.split("echo \"open")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a double quote is never closed");
    }

    @Test
    void durationsInComposeFormat() {
        assertThat(ComposeDuration.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ComposeDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ComposeDuration.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(ComposeDuration.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(ComposeDuration.parse("10us")).isEqualTo(Duration.ofNanos(10_000));
        assertThat(ComposeDuration.parse("0")).isZero();
        for (String bad : new String[] {"10", "-5s", "1d", "s", "1m 30s", ""}) {
            assertThatThrownBy(() -> ComposeDuration.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not a duration: \"" + bad + "\" (write it like 1m30s, 10s, 500ms or 2h)");
        }
    }

    @Test
    void shortPortSyntax() {
        assertThat(PortSyntax.parse("8080:80").ports()).containsExactly(new PortMapping(8080, 80, "tcp", "ingress"));
        assertThat(PortSyntax.parse("80").ports()).containsExactly(new PortMapping(0, 80, "tcp", "ingress"));
        assertThat(PortSyntax.parse("8080:80/UDP").ports()).containsExactly(new PortMapping(8080, 80, "udp", "ingress"));
        PortSyntax.Parsed withIp = PortSyntax.parse("127.0.0.1:8080:80");
        assertThat(withIp.ports()).containsExactly(new PortMapping(8080, 80, "tcp", "ingress"));
        assertThat(withIp.hostIp()).isEqualTo("127.0.0.1");
        assertThat(PortSyntax.parse("127.0.0.1::80").ports()).containsExactly(new PortMapping(0, 80, "tcp", "ingress"));
        assertThat(PortSyntax.parse("3000-3001").ports()).extracting(PortMapping::target).containsExactly(3000, 3001);
        assertThatThrownBy(() -> PortSyntax.parse("8000-8010:80")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a published range for one container port is not supported: \"8000-8010:80\"");
        assertThatThrownBy(() -> PortSyntax.parse("80/sctp")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the protocol must be tcp or udp, not \"sctp\"");
        assertThatThrownBy(() -> PortSyntax.parse("0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a port number (1-65535): \"0\"");
    }
}
