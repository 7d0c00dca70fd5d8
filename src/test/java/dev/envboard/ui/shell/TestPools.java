package dev.envboard.ui.shell;

import dev.envboard.docker.EndpointSpec;
import dev.envboard.pool.Host;
import dev.envboard.pool.LabelScope;
import dev.envboard.pool.PoolKind;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.PoolStatus;
import java.time.Instant;
import java.util.List;

/** Pools as the window holds them, for view model tests: a spec, and snapshots published as the monitor would. */
public final class TestPools {
    private TestPools() {
    }

    /** The Swarm pool "lab" (the pool of {@code TestHosts}), label key "environment". */
    public static PoolSpec lab() {
        return new PoolSpec("lab", PoolKind.SWARM, "environment", LabelScope.NODE,
                EndpointSpec.parse("tcp://manager.lab:2376", null, true), List.of(), null, "test", null);
    }

    /** The same pool with these environments listed under {@code protected:}. */
    public static PoolSpec labProtecting(String... environments) {
        PoolSpec lab = lab();
        return new PoolSpec(lab.name(), lab.kind(), lab.labelKey(), lab.labelScope(), lab.manager(), lab.engines(), lab.stacksDir(),
                lab.source(), lab.consul(), lab.registryConfig(), java.util.Set.of(environments));
    }

    /** A pool item of {@code spec} that shows these hosts. */
    public static PoolItem item(PoolSpec spec, List<Host> hosts) {
        PoolItem item = new PoolItem(spec);
        publish(item, hosts);
        return item;
    }

    /** A new snapshot of the pool with these hosts, as the FX thread applies it. */
    public static void publish(PoolItem item, List<Host> hosts) {
        item.update(new PoolSnapshot(item.spec(), item.spec().kind(), PoolStatus.ONLINE, hosts.size() + " hosts", hosts,
                Instant.parse("2026-01-01T00:00:00Z")));
    }
}
