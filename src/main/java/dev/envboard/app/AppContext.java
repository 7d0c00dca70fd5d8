package dev.envboard.app;

import dev.envboard.deploy.DeployLocks;
import dev.envboard.deploy.EnvironmentRemoval;
import dev.envboard.deploy.ServiceHosts;
import dev.envboard.demo.DemoService;
import dev.envboard.demo.PoolDemoRecords;
import dev.envboard.demo.template.TemplateCatalog;
import dev.envboard.demo.template.TemplateReader;
import dev.envboard.demo.template.TemplateStacks;
import dev.envboard.pool.records.PoolRecords;
import dev.envboard.runtime.AppExecutors;
import dev.envboard.runtime.AppPaths;
import dev.envboard.runtime.Notices;
import dev.envboard.services.Services;
import dev.envboard.deploy.EnvironmentStatusReader;
import dev.envboard.deploy.RedeployService;
import dev.envboard.deploy.RegistryClients;
import dev.envboard.deploy.updates.EngineRunningImages;
import dev.envboard.deploy.updates.UpdateChecker;
import dev.envboard.registry.ImageResolver;
import dev.envboard.registry.credentials.DockerConfigCredentials;
import dev.envboard.registry.http.HttpImageResolver;
import dev.envboard.deploy.compose.StackLoader;
import dev.envboard.deploy.history.DeployHistory;
import dev.envboard.deploy.watch.PoolDeployRecorder;
import dev.envboard.deploy.watch.PoolDeploys;
import dev.envboard.pool.records.PoolRecords;
import dev.envboard.runtime.Machine;
import dev.envboard.docker.DockerClients;
import dev.envboard.pool.EmptyEnvironments;
import dev.envboard.pool.PoolInspector;
import dev.envboard.pool.audit.AuditLog;
import dev.envboard.pool.label.PoolLabelWriters;
import dev.envboard.pool.move.MoveService;
import dev.envboard.ssh.SshConnector;
import dev.envboard.pool.config.PoolsConfig;
import dev.envboard.pool.config.PoolsConfigSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The composition root: builds every service once, by constructor injection, and closes them in
 * reverse order. The GUI and the CLI both start from here, so they share the same services.
 */
public final class AppContext implements Services {
    /** How long a redeploy waits for the old deployment to go and for each level to come up. */
    static final Duration DEPLOY_WAIT = Duration.ofMinutes(3);

    private final AppPaths paths;
    private final PoolsConfig pools;
    private final AppExecutors executors;
    private final DockerClients dockerClients;
    private final PoolInspector poolInspector;
    private final AuditLog auditLog;
    private final EmptyEnvironments emptyEnvironments;
    private final MoveService moveService;
    private final SshConnector sshConnector;
    private final PoolLabelWriters labelWriters;
    private final DeployHistory deployHistory;
    private final RedeployService redeployService;
    private final PoolDeploys poolDeploys;
    private final EnvironmentStatusReader environmentStatus;
    private final UpdateChecker updateChecker;
    private final PoolRecords poolRecords;
    private final DemoService demoService;
    private final Clock clock;
    private final Notices notices = new Notices();
    /** One resolver per docker config dir: it keeps its HTTP clients and the tokens that worked. */
    private final Map<Path, RegistryClients> registries = new java.util.concurrent.ConcurrentHashMap<>();
    /** The update checks' own resolvers (same logins), so that their request count is theirs alone. */
    private final Map<Path, ImageResolver> updateResolvers = new java.util.concurrent.ConcurrentHashMap<>();

    private AppContext(AppPaths paths, PoolsConfig pools, Clock clock, Path dockerConfigDir) {
        this.paths = paths;
        this.pools = pools;
        this.clock = clock;
        this.executors = new AppExecutors();
        this.dockerClients = new DockerClients();
        this.poolInspector = new PoolInspector(dockerClients, executors.io(), clock);
        this.auditLog = new AuditLog(paths.stateDir(), notices);
        this.emptyEnvironments = new EmptyEnvironments(paths.stateDir());
        this.sshConnector = new SshConnector();
        this.labelWriters = new PoolLabelWriters(dockerClients, sshConnector, clock);
        this.moveService = new MoveService(dockerClients, labelWriters, auditLog, clock, System.getProperty("user.name"));
        this.deployHistory = new DeployHistory(paths.stateDir(), notices);
        this.poolRecords = new PoolRecords(dockerClients);
        DeployLocks deployLocks = new DeployLocks(paths.stateDir());
        StackLoader stackLoader = new StackLoader();
        String user = System.getProperty("user.name");
        // Deploys are seen from other machines: "who" names the machine too (user names repeat across laptops and CI).
        this.redeployService = new RedeployService(dockerClients, poolInspector, stackLoader, deployHistory,
                deployLocks, clock, Machine.who(user), DEPLOY_WAIT,
                pool -> registryClients(pool.registryConfig() != null ? pool.registryConfig() : dockerConfigDir),
                new PoolDeployRecorder(poolRecords, dockerClients, notices));
        this.poolDeploys = new PoolDeploys(poolRecords, deployHistory, dockerClients, executors.timer(), executors.io(), clock);
        this.environmentStatus = new EnvironmentStatusReader(dockerClients, deployHistory);
        this.updateChecker = new UpdateChecker(new StackLoader(), new EngineRunningImages(dockerClients),
                pool -> updateResolvers.computeIfAbsent(pool.registryConfig() != null ? pool.registryConfig() : dockerConfigDir,
                        dir -> new HttpImageResolver(new DockerConfigCredentials(dir))), clock);
        this.demoService = new DemoService(new TemplateCatalog(new TemplateReader(stackLoader)), new TemplateStacks(stackLoader),
                poolInspector, moveService, redeployService,
                new EnvironmentRemoval(dockerClients, poolInspector, deployLocks, clock, user, DEPLOY_WAIT),
                new ServiceHosts(dockerClients), new PoolDemoRecords(poolRecords, poolInspector), clock, user);
    }

    /**
     * The logins of a docker config dir (a pool's registry-config:, else DOCKER_CONFIG or ~/.docker),
     * read at each redeploy so a docker login meanwhile counts.
     */
    private RegistryClients registryClients(Path dockerConfigDir) {
        return registries.computeIfAbsent(dockerConfigDir, dir -> {
            DockerConfigCredentials credentials = new DockerConfigCredentials(dir);
            return new RegistryClients(new HttpImageResolver(credentials), credentials);
        });
    }

    /** @param configFile --config FILE, or null to look in the usual places */
    public static AppContext create(Path configFile, Map<String, String> env) {
        Path home = Path.of(System.getProperty("user.home"));
        AppPaths paths = AppPaths.fromEnvironment(env, home);
        PoolsConfig pools = new PoolsConfigSource(paths, env, System.getProperty("user.name")).load(configFile);
        return new AppContext(paths, pools, Clock.systemUTC(), DockerConfigCredentials.defaultConfigDir(env, home));
    }

    @Override
    public AppPaths paths() {
        return paths;
    }

    @Override
    public PoolsConfig pools() {
        return pools;
    }

    @Override
    public AppExecutors executors() {
        return executors;
    }

    @Override
    public DockerClients dockerClients() {
        return dockerClients;
    }

    @Override
    public PoolInspector poolInspector() {
        return poolInspector;
    }

    @Override
    public AuditLog auditLog() {
        return auditLog;
    }

    @Override
    public EmptyEnvironments emptyEnvironments() {
        return emptyEnvironments;
    }

    @Override
    public MoveService moveService() {
        return moveService;
    }

    @Override
    public PoolLabelWriters labelWriters() {
        return labelWriters;
    }

    @Override
    public DeployHistory deployHistory() {
        return deployHistory;
    }

    @Override
    public RedeployService redeployService() {
        return redeployService;
    }

    @Override
    public PoolDeploys poolDeploys() {
        return poolDeploys;
    }

    @Override
    public EnvironmentStatusReader environmentStatus() {
        return environmentStatus;
    }

    @Override
    public UpdateChecker updateChecker() {
        return updateChecker;
    }

    @Override
    public PoolRecords poolRecords() {
        return poolRecords;
    }

    @Override
    public DemoService demoService() {
        return demoService;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Notices notices() {
        return notices;
    }

    @Override
    public void close() {
        executors.close();
        dockerClients.close();
        sshConnector.close();
    }
}
