package dev.envboard.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envboard.pool.LabelScope;
import dev.envboard.pool.PoolKind;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.records.PoolRecord;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A demo written as a pool record's fields reads back the same; a damaged record is named, not guessed. */
class DemoRecordFieldsTest {
    private static final PoolSpec POOL = new PoolSpec("lab", PoolKind.STANDALONE, "environment", LabelScope.ENGINE, null,
            List.of(), null, "test", null);
    private static final Demo DEMO = new Demo("lab", "demo-acme", "alice", "Acme Corp", "webshop",
            Instant.parse("2024-05-01T09:00:00Z"), Instant.parse("2024-05-04T09:00:00Z"), Instant.parse("2024-05-15T09:00:00Z"),
            true, List.of(new DemoHost("unix:///run/h1.sock", "host-1"), new DemoHost("tcp://10.0.0.2:2376", "host-2")),
            Map.of("SHOP_NAME", "Acme's \"best\" shop"),
            List.of(new EntryPoint("Web shop", "shop:8080", "http://10.0.0.1:8080/", "host-1"),
                    new EntryPoint("API", "api:9090", null, null)),
            DemoState.STUCK, List.of("container demo-acme_api_1 (exited) on host-2"), "the teardown could not remove everything");

    @Test
    void aDemoReadsBackAsItWasWritten() {
        Map<String, String> fields = PoolDemoRecords.encode(DEMO);
        assertThat(fields).containsEntry("owner", "alice").containsEntry("customer", "Acme Corp").containsEntry("template", "webshop")
                .containsEntry("created", "2024-05-01T09:00:00Z").containsEntry("expires", "2024-05-04T09:00:00Z")
                .containsEntry("keep", "true").containsEntry("state", "stuck");
        Demo read = PoolDemoRecords.decode(POOL, new PoolRecord("demo", "demo-acme", "demo-acme", 3, fields, List.of("host-1")));
        assertThat(read).isEqualTo(DEMO);
    }

    @Test
    void aRecordMissingAFieldOrWithABadTimeIsRefusedNamingIt() {
        Map<String, String> fields = new HashMap<>(PoolDemoRecords.encode(DEMO));
        fields.remove("owner");
        assertThatThrownBy(() -> PoolDemoRecords.decode(POOL, new PoolRecord("demo", "demo-acme", "demo-acme", 1, fields, List.of())))
                .hasMessage("no owner");
        fields.put("owner", "alice");
        fields.put("expires", "next week");
        assertThatThrownBy(() -> PoolDemoRecords.decode(POOL, new PoolRecord("demo", "demo-acme", "demo-acme", 1, fields, List.of())))
                .hasMessage("expires is not a time: next week");
    }
}
