package dev.envboard.services;

import dev.envboard.deploy.EnvironmentStatusReader;
import dev.envboard.deploy.RedeployService;
import dev.envboard.deploy.history.DeployHistory;
import dev.envboard.deploy.watch.PoolDeploys;
import dev.envboard.deploy.updates.UpdateChecker;
import dev.envboard.demo.DemoService;
import dev.envboard.pool.records.PoolRecords;
import dev.envboard.docker.DockerClients;
import dev.envboard.pool.EmptyEnvironments;
import dev.envboard.pool.PoolInspector;
import dev.envboard.pool.audit.AuditLog;
import dev.envboard.pool.config.PoolsConfig;
import dev.envboard.pool.label.PoolLabelWriters;
import dev.envboard.pool.move.MoveService;
import dev.envboard.runtime.AppExecutors;
import dev.envboard.runtime.AppPaths;
import dev.envboard.runtime.Notices;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What the two faces (window and command line) use: every service, built once by the composition
 * root. The faces see only this contract, so the root can sit above them and wire them both.
 */
public interface Services extends AutoCloseable {
    AppPaths paths();

    PoolsConfig pools();

    AppExecutors executors();

    DockerClients dockerClients();

    PoolInspector poolInspector();

    AuditLog auditLog();

    EmptyEnvironments emptyEnvironments();

    MoveService moveService();

    /** Where a user's decision to trust an SSH host key is recorded. */
    PoolLabelWriters labelWriters();

    DeployHistory deployHistory();

    RedeployService redeployService();

    /** The deploys of every environment of a pool, whoever ran them (the pool's records and this machine's history). */
    PoolDeploys poolDeploys();

    EnvironmentStatusReader environmentStatus();

    /** Whether each environment's tags name other digests than run now ("update available"). */
    UpdateChecker updateChecker();

    /** Small records kept in the pools themselves (demos), read the same by every Envboard. */
    PoolRecords poolRecords();

    /** Presales demos: templates, launch, list, extend, keep, teardown (blocking: off the FX thread). */
    DemoService demoService();

    Clock clock();

    /** Where services report what the user must hear of: records not written, corrupt lines skipped. */
    Notices notices();

    @Override
    void close();

    /** Builds the services for one pools.yaml; the caller closes them. */
    @FunctionalInterface
    interface Opener {
        /** @param configFile --config FILE, or null to look in the usual places */
        Services open(Path configFile);
    }
}
