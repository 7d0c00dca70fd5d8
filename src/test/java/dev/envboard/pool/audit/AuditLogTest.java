package dev.envboard.pool.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.runtime.Notices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    @TempDir
    Path dir;

    private static AuditEntry entry(int n, String result) {
        return new AuditEntry(Instant.ofEpochSecond(1_800_000_000L + n), "ann", "lab", "host-" + n, "tcp://host-" + n + ":2376", null, "qa",
                result, result.equals(AuditEntry.OK) ? null : "boom", 10 + n);
    }

    @Test
    void entriesAreJsonLinesReadBackNewestFirst() throws IOException {
        AuditLog log = new AuditLog(dir, new Notices());
        List<AuditEntry> heard = new ArrayList<>();
        log.addListener(heard::add);
        log.append(entry(1, AuditEntry.OK));
        log.append(entry(2, AuditEntry.FAILED));
        log.append(entry(3, AuditEntry.OK));

        assertThat(Files.readAllLines(dir.resolve("audit.jsonl"))).hasSize(3)
                .allSatisfy(line -> assertThat(line).startsWith("{").contains("\"user\":\"ann\""));
        assertThat(log.recent(2)).extracting(AuditEntry::host).containsExactly("host-3", "host-2");
        assertThat(log.recent(10).get(1).error()).isEqualTo("boom");
        assertThat(heard).hasSize(3);
    }

    @Test
    void theFileIsRotatedSoItStaysBounded() throws IOException {
        AuditLog log = new AuditLog(dir, new Notices());
        Files.writeString(dir.resolve("audit.jsonl"), "x".repeat((int) AuditLog.ROTATE_BYTES + 1));
        log.append(entry(1, AuditEntry.OK));
        assertThat(Files.size(dir.resolve("audit.jsonl.1"))).isGreaterThan(AuditLog.ROTATE_BYTES);
        assertThat(log.recent(5)).extracting(AuditEntry::host).containsExactly("host-1");
    }
}
