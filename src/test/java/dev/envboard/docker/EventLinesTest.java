package dev.envboard.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An /events body as it may arrive: split anywhere, idle newlines between, a line too long or not JSON. */
class EventLinesTest {
    private static final String DIE = "{\"status\":\"die\",\"id\":\"c1\",\"Type\":\"container\",\"Action\":\"die\","
            + "\"Actor\":{\"ID\":\"c1\",\"Attributes\":{\"exitCode\":\"1\",\"name\":\"web\"}},\"scope\":\"local\","
            + "\"time\":1700000000,\"timeNano\":1700000000123456789,\"somethingNew\":{\"x\":1}}";
    private static final String RELOAD = "{\"Type\":\"daemon\",\"Action\":\"reload\",\"Actor\":{\"ID\":\"e1\"},\"timeNano\":1700000001000000000}";

    private final List<Event> events = new ArrayList<>();
    private final EventLines lines = new EventLines(events::add);

    private void feed(String text) throws IOException {
        lines.feed(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void eventsSplitAcrossReadsAndIdleNewlinesDecodeIntoDockerJavasModel() throws IOException {
        String body = "\n" + DIE + "\r\n\n" + RELOAD + "\n";
        for (int cut = 0; cut < body.length(); cut += 7) {
            feed(body.substring(cut, Math.min(body.length(), cut + 7)));
        }
        assertThat(events).hasSize(2);
        Event die = events.get(0);
        assertThat(die.getType()).isEqualTo(EventType.CONTAINER);
        assertThat(die.getAction()).isEqualTo("die");
        assertThat(die.getTimeNano()).isEqualTo(1700000000123456789L);
        assertThat(die.getActor().getAttributes()).containsEntry("exitCode", "1").containsEntry("name", "web");
        assertThat(events.get(1).getType()).isEqualTo(EventType.DAEMON);
        assertThat(events.get(1).getActor().getId()).isEqualTo("e1");
    }

    @Test
    void aLastLineWithoutItsNewlineCountsWhenTheBodyEnds() throws IOException {
        feed(RELOAD);
        assertThat(events).isEmpty();
        lines.finish();
        assertThat(events).hasSize(1);
    }

    @Test
    void aLineThatIsNotJsonOrTooLongEndsTheStreamWithAReason() {
        assertThatThrownBy(() -> feed("<html>proxy error</html>\n")).isInstanceOf(IOException.class)
                .hasMessageStartingWith("the engine sent an event that is not JSON");
        EventLines endless = new EventLines(events::add);
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        assertThatThrownBy(() -> {
            for (int i = 0; i <= EventLines.MAX_LINE / chunk.length; i++) {
                endless.feed(ByteBuffer.wrap(chunk));
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("longer than " + EventLines.MAX_LINE + " bytes");
        assertThat(events).isEmpty();
    }
}
