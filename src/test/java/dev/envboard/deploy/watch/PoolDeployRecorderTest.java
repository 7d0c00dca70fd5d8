package dev.envboard.deploy.watch;

import static dev.envboard.deploy.watch.DeploySamples.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.deploy.DeployListener;
import dev.envboard.deploy.DeployStart;
import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.docker.DockerClients;
import dev.envboard.docker.EndpointSpec;
import dev.envboard.pool.EngineSpec;
import dev.envboard.pool.LabelScope;
import dev.envboard.pool.PoolKind;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.records.PoolRecords;
import dev.envboard.runtime.Notices;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A deploy record the pool cannot take (its engine refuses the connection) never reaches the run as
 * an exception: the run's listener and the notices say it, as "not shared", not as a failed write.
 */
class PoolDeployRecorderTest {
    private final DockerClients clients = new DockerClients();
    private final Notices notices = new Notices();
    private final List<String> said = new ArrayList<>();
    private final DeployListener listener = new DeployListener() {
        @Override
        public void message(String text) {
            said.add(text);
        }
    };

    @AfterEach
    void tearDown() {
        clients.close();
    }

    /** A standalone pool whose one engine is a loopback port nobody listens on. */
    private static PoolSpec deadPool() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        EngineSpec engine = new EngineSpec("dead-1", EndpointSpec.parse("tcp://127.0.0.1:" + port, null, false), null, null, null, null);
        return new PoolSpec("lab-hosts", PoolKind.STANDALONE, "environment", LabelScope.ENGINE, null, List.of(engine), null, "test", null);
    }

    @Test
    void aRecordThePoolCannotTakeIsSaidToTheRunAndAsANoticeAndNeverThrown() throws IOException {
        PoolSpec pool = deadPool();
        PoolDeployRecorder recorder = new PoolDeployRecorder(new PoolRecords(clients), clients, notices);
        DeployStart start = DeploySamples.start("d1", "qa", "ann@laptop", T0);
        recorder.started(new DeployStart(start.id(), pool, "qa", start.user(), T0, "abc", start.versions(), List.of()), listener);
        recorder.finished(pool, DeploySamples.ended("d1", "qa", "ann@laptop", T0, DeployRecord.SUCCEEDED), listener);

        assertThat(said).hasSize(2).allSatisfy(text -> assertThat(text)
                .startsWith("the record of deploy d1 of qa could not be written to pool lab-hosts (could not write the deploy record of qa on dead-1: ")
                .endsWith("; other Envboards do not see it, this machine's history has it"));
        assertThat(notices.recent()).extracting(Notices.Notice::kind).containsExactly(Notices.Kind.NOT_SHARED, Notices.Kind.NOT_SHARED);
        assertThat(notices.recent()).noneMatch(Notices.Notice::isWriteFailure);
        assertThat(notices.recent()).extracting(Notices.Notice::text).containsExactlyElementsOf(said);
    }
}
