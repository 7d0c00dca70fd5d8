package dev.envboard.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogTimestampsTest {
    private static long parse(String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        return LogTimestamps.parse(b, 0, b.length);
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    @Test
    void parsesDockersFixedNanosecondForm() {
        assertThat(parse("2024-05-01T12:34:56.123456789Z")).isEqualTo(nanos(Instant.parse("2024-05-01T12:34:56.123456789Z")));
        assertThat(parse("1970-01-01T00:00:00.000000000Z")).isZero();
        assertThat(parse("2000-02-29T23:59:59.999999999Z")).isEqualTo(nanos(Instant.parse("2000-02-29T23:59:59.999999999Z")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-05-01T12:34:56Z", "2024-05-01T12:34:56.5Z", "2024-05-01T12:34:56.123456Z",
            "2024-05-01T12:34:56.123456789+02:00", "2024-05-01T12:34:56.1-07:30", "1969-12-31T23:59:59.9Z",
            "2100-12-31T00:00:00Z"})
    void parsesOtherRfc3339Forms(String text) {
        assertThat(parse(text)).isEqualTo(nanos(OffsetDateTime.parse(text).toInstant()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hello world", "2024-05-01 12:34:56Z", "2024-13-01T12:34:56Z", "2024-05-01T12:34:56",
            "2024-05-01T12:34:56.Z", "2024-05-01T12:34:5xZ", "2024-05-01T12:34:56.123Zjunk"})
    void refusesWhatIsNotATimestamp(String text) {
        assertThat(parse(text)).isEqualTo(LogLine.NO_TIME);
    }

    @Test
    void writesSinceAndDockersFormBack() {
        long t = nanos(Instant.parse("2024-05-01T12:34:56.000012Z"));
        assertThat(LogTimestamps.since(t)).isEqualTo("1714566896.000012000");
        assertThat(LogTimestamps.format(t)).isEqualTo("2024-05-01T12:34:56.000012000Z");
        assertThat(parse(LogTimestamps.format(t))).isEqualTo(t);
    }
}
