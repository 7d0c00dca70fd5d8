package dev.envboard.deploy.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackLoaderTest {
    @TempDir
    Path dir;

    private StackFixture stacks;

    @BeforeEach
    void setUp() {
        stacks = new StackFixture(dir);
    }

    private static final String REALISTIC = """
            name: shop
            x-logging: &logging
              x-note: extension fields inside are fine
            services:
              web:
                image: registry.local/shop-web:${TAG}
                command: nginx -g "daemon off;"
                entrypoint: ["/docker-entrypoint.sh"]
                environment:
                  API_URL: http://api:8080
                  STAGE: ${ENVIRONMENT}
                labels:
                  - com.example.team=shop
                  - com.example.public
                ports:
                  - "80:8080"
                  - "443"
                  - "5353:53/udp"
                  - target: 9000
                    published: 9001
                    protocol: tcp
                    mode: host
                volumes:
                  - ./nginx.conf:/etc/nginx/nginx.conf:ro
                  - static:/usr/share/nginx/html
                depends_on:
                  - api
                networks:
                  - front
                  - back
                stop_grace_period: 1m30s
                deploy:
                  mode: global
                  placement:
                    constraints:
                      - node.labels.environment==${ENVIRONMENT}
                      - node.role != manager
                    max_replicas_per_node: 1
              api:
                image: registry.local/shop-api:${TAG}
                entrypoint: java -jar /app.jar
                command: ["--port", "8080"]
                env_file: api.env
                environment:
                  - DB_HOST=db
                  - TAG
                healthcheck:
                  test: curl -fs http://localhost:8080/health
                  interval: 10s
                  timeout: 500ms
                  retries: 3
                  start_period: 2h
                depends_on:
                  db:
                    condition: service_healthy
                networks:
                  back:
                deploy:
                  replicas: 3
                  restart_policy:
                    condition: on-failure
                    delay: 5s
                    max_attempts: 4
                    window: 2m
              db:
                image: postgres:16
                environment:
                  POSTGRES_PASSWORD: secret
                volumes:
                  - type: volume
                    source: pgdata
                    target: /var/lib/postgresql/data
                  - type: bind
                    source: ../initdb
                    target: /docker-entrypoint-initdb.d
                    read_only: true
                healthcheck:
                  test: ["CMD", "pg_isready"]
                networks: [back]
            networks:
              front:
              back:
                driver: overlay
                labels:
                  com.example.tier: private
                driver_opts:
                  com.docker.network.driver.mtu: "1400"
              outside:
                external: true
            volumes:
              static:
              pgdata:
                driver: local
            """;

    @Test
    void readsARealisticStackWithEveryKeyItSupports() throws StackException {
        Path file = stacks.write("qa/compose.yaml", REALISTIC);
        stacks.write("qa/.env", "TAG=1.4.2\n");
        stacks.write("qa/api.env", "JAVA_OPTS=-Xmx512m\nDB_HOST=overridden-below\n");

        Stack stack = stacks.load("qa");

        assertThat(stack.file()).isEqualTo(file);
        assertThat(stack.environment()).isEqualTo("qa");
        assertThat(stack.services()).containsOnlyKeys("web", "api", "db");
        assertThat(stack.services().keySet()).containsExactly("web", "api", "db");
        assertThat(stack.sha256()).matches("[0-9a-f]{64}");

        ServiceDef web = stack.services().get("web");
        assertThat(web.image()).isEqualTo("registry.local/shop-web:1.4.2");
        assertThat(web.command()).containsExactly("nginx", "-g", "daemon off;");
        assertThat(web.entrypoint()).containsExactly("/docker-entrypoint.sh");
        assertThat(web.environment()).isEqualTo(Map.of("API_URL", "http://api:8080", "STAGE", "qa"));
        assertThat(web.labels()).isEqualTo(Map.of("com.example.team", "shop", "com.example.public", ""));
        assertThat(web.ports()).containsExactly(
                new PortMapping(80, 8080, "tcp", "ingress"),
                new PortMapping(0, 443, "tcp", "ingress"),
                new PortMapping(5353, 53, "udp", "ingress"),
                new PortMapping(9001, 9000, "tcp", "host"));
        assertThat(web.volumes()).containsExactly(
                new VolumeMount("bind", dir.resolve("qa/nginx.conf").toAbsolutePath().toString(), "/etc/nginx/nginx.conf", true),
                new VolumeMount("volume", "static", "/usr/share/nginx/html", false));
        assertThat(web.dependsOn()).containsExactly(new Dependency("api", Dependency.STARTED));
        assertThat(web.networks()).containsExactly("front", "back");
        assertThat(web.stopGracePeriod()).isEqualTo(Duration.ofSeconds(90));
        assertThat(web.healthcheck()).isNull();
        assertThat(web.deploy()).isEqualTo(new DeploySpec("global", 1,
                List.of("node.labels.environment==qa", "node.role != manager"), 1, null, "vip"));
        assertThat(web.deploy().isGlobal()).isTrue();

        ServiceDef api = stack.services().get("api");
        assertThat(api.entrypoint()).containsExactly("java", "-jar", "/app.jar");
        assertThat(api.command()).containsExactly("--port", "8080");
        assertThat(api.environment()).isEqualTo(Map.of("JAVA_OPTS", "-Xmx512m", "DB_HOST", "db", "TAG", "1.4.2"));
        assertThat(api.healthcheck()).isEqualTo(new HealthcheckDef(
                List.of("CMD-SHELL", "curl -fs http://localhost:8080/health"),
                Duration.ofSeconds(10), Duration.ofMillis(500), 3, Duration.ofHours(2), false));
        assertThat(api.dependsOn()).containsExactly(new Dependency("db", Dependency.HEALTHY));
        assertThat(api.networks()).containsExactly("back");
        assertThat(api.stopGracePeriod()).isEqualTo(Duration.ofSeconds(10));
        assertThat(api.deploy()).isEqualTo(new DeploySpec("replicated", 3, List.of(), 0,
                new RestartPolicyDef("on-failure", Duration.ofSeconds(5), 4, Duration.ofMinutes(2)), "vip"));
        assertThat(api.volumes()).isEmpty();
        assertThat(api.ports()).isEmpty();

        ServiceDef db = stack.services().get("db");
        assertThat(db.command()).isNull();
        assertThat(db.entrypoint()).isNull();
        assertThat(db.volumes()).containsExactly(
                new VolumeMount("volume", "pgdata", "/var/lib/postgresql/data", false),
                new VolumeMount("bind", dir.resolve("initdb").toAbsolutePath().toString(), "/docker-entrypoint-initdb.d", true));
        assertThat(db.healthcheck().test()).containsExactly("CMD", "pg_isready");
        assertThat(db.healthcheck().interval()).isNull();
        assertThat(db.healthcheck().retries()).isNull();
        assertThat(db.deploy()).isEqualTo(DeploySpec.defaults());
        assertThat(db.labels()).isEmpty();

        assertThat(stack.networks()).containsOnlyKeys("front", "back", "outside");
        assertThat(stack.networks().get("front")).isEqualTo(NetworkDef.plain("front"));
        assertThat(stack.networks().get("back"))
                .isEqualTo(new NetworkDef("back", "overlay", false, Map.of("com.example.tier", "private"),
                        Map.of("com.docker.network.driver.mtu", "1400")));
        assertThat(stack.networks().get("outside").external()).isTrue();

        // Only the top-level name: is worth a warning here; x- fields and volumes: are not.
        assertThat(stack.warnings()).singleElement().satisfies(w -> {
            assertThat(w.field()).isEqualTo("name");
            assertThat(w.line()).isEqualTo(1);
        });
    }

    @Test
    void recordsTheLineOfEveryKeyOfAService() throws StackException {
        stacks.write("qa/compose.yaml", REALISTIC);
        stacks.write("qa/.env", "TAG=1\n");
        stacks.write("qa/api.env", "A=1\n");

        Stack stack = stacks.load("qa");
        ServiceDef web = stack.services().get("web");
        assertThat(web.lines()).containsEntry("", 5)
                .containsEntry("image", 6)
                .containsEntry("labels", 12)
                .containsEntry("ports", 15)
                .containsEntry("deploy", 32)
                .containsEntry("deploy.mode", 33)
                .containsEntry("deploy.placement", 34)
                .containsEntry("deploy.placement.constraints", 35)
                .containsEntry("deploy.placement.max_replicas_per_node", 38);
        assertThat(web.line("healthcheck")).isEqualTo(5);
        ServiceDef api = stack.services().get("api");
        assertThat(api.lines()).containsEntry("", 39)
                .containsEntry("healthcheck", 47)
                .containsEntry("healthcheck.retries", 51)
                .containsEntry("deploy.restart_policy.max_attempts", 63);
    }

    @Test
    void anEnvironmentWithoutTheDefaultNetworkDefinedGetsIt() throws StackException {
        stacks.write("qa/compose.yaml", """
                services:
                  web:
                    image: nginx
                """);
        Stack stack = stacks.load("qa");

        assertThat(stack.services().get("web").networks()).containsExactly("default");
        assertThat(stack.networks()).containsOnlyKeys("default");
        assertThat(stack.networks().get("default").driver()).isNull();
        assertThat(stack.warnings()).isEmpty();
    }

    @Test
    void theDefaultStackReadsTheEnvironmentsOwnDotEnv() throws StackException {
        stacks.write("default/compose.yaml", """
                services:
                  web:
                    image: nginx:${TAG}
                    environment:
                      STAGE: $ENVIRONMENT
                """);
        stacks.write("default/.env", "TAG=from-default\n");
        stacks.write("demo/.env", "TAG=from-demo\n");

        ServiceDef web = stacks.load("demo").services().get("web");

        assertThat(web.image()).isEqualTo("nginx:from-demo");
        assertThat(web.environment()).containsEntry("STAGE", "demo");
    }

    @Test
    void environmentVariableWinsOverTheDotEnvWithAWarning() throws StackException {
        stacks.write("qa/compose.yaml", "services:\n  web:\n    image: nginx:${ENVIRONMENT}\n");
        Path dotEnv = stacks.write("qa/.env", "# the stage\nENVIRONMENT=prod\n");

        Stack stack = stacks.load("qa");

        assertThat(stack.services().get("web").image()).isEqualTo("nginx:qa");
        assertThat(stack.warnings()).singleElement().satisfies(w -> {
            assertThat(w.file()).isEqualTo(dotEnv);
            assertThat(w.line()).isEqualTo(2);
            assertThat(w.message()).contains("\"qa\"");
        });
    }

    @Test
    void aVariableSetTwiceInTheDotEnvIsWarnedAbout() throws StackException {
        stacks.write("qa/compose.yaml", "services:\n  web:\n    image: nginx:${TAG}\n");
        stacks.write("qa/.env", "TAG=1\nexport TAG=2\n");

        Stack stack = stacks.load("qa");

        assertThat(stack.services().get("web").image()).isEqualTo("nginx:2");
        assertThat(stack.warnings()).singleElement().satisfies(w -> assertThat(w.line()).isEqualTo(2));
    }

    @Test
    void envFilesAreMergedInOrderBeforeEnvironment() throws StackException {
        stacks.write("qa/compose.yaml", """
                services:
                  api:
                    image: api
                    env_file:
                      - common.env
                      - path: ./api.env
                      - path: missing.env
                        required: false
                    environment:
                      LEVEL: from-environment
                """);
        stacks.write("qa/common.env", "A=common\nB=common\nLEVEL=common\n");
        stacks.write("qa/api.env", "B=api\nLEVEL=api\n");

        Map<String, String> environment = stacks.load("qa").services().get("api").environment();

        assertThat(environment).isEqualTo(Map.of("A", "common", "B", "api", "LEVEL", "from-environment"));
    }

    @Test
    void aMissingEnvFileIsAnErrorAtItsLine() {
        stacks.write("qa/compose.yaml", "services:\n  api:\n    image: api\n    env_file: nope.env\n");

        assertThat(stacks.errors("qa")).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.field()).isEqualTo("services.api.env_file");
            assertThat(e.message()).contains("no such file").contains("nope.env");
        });
    }

    @Test
    void aBadLineOfAnEnvFileNamesThatFileAndLine() {
        stacks.write("qa/compose.yaml", "services:\n  api:\n    image: api\n    env_file: api.env\n");
        Path envFile = stacks.write("qa/api.env", "A=1\nthis is not a variable\n");

        assertThat(stacks.errors("qa")).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(envFile);
            assertThat(e.line()).isEqualTo(2);
        });
    }

    @Test
    void aBareEnvironmentKeyWithoutAVariableIsAnError() {
        stacks.write("qa/compose.yaml", """
                services:
                  api:
                    image: api
                    environment:
                      - SECRET
                """);

        assertThat(stacks.errors("qa")).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.message()).contains("SECRET has no value").contains(".env");
        });
    }

    @Test
    void hostPathsResolveAgainstTheComposeFilesFolder() throws StackException {
        stacks.write("default/compose.yaml", """
                services:
                  web:
                    image: nginx
                    volumes:
                      - ./site:/srv
                      - ../shared/certs:/certs:ro
                      - /var/log/web:/var/log/nginx:rw
                      - .:/stack
                      - /cache
                """);

        List<VolumeMount> volumes = stacks.load("qa").services().get("web").volumes();

        Path folder = dir.resolve("default").toAbsolutePath();
        assertThat(volumes).containsExactly(
                new VolumeMount("bind", folder.resolve("site").toString(), "/srv", false),
                new VolumeMount("bind", dir.resolve("shared/certs").toAbsolutePath().toString(), "/certs", true),
                new VolumeMount("bind", "/var/log/web", "/var/log/nginx", false),
                new VolumeMount("bind", folder.toString(), "/stack", false),
                new VolumeMount("volume", "", "/cache", false));
        assertThat(volumes.get(0).isBind()).isTrue();
    }

    @Test
    void anchorsAndMergeKeysWithExtensionFields() throws StackException {
        stacks.write("qa/compose.yaml", """
                x-service: &service
                  image: base:${TAG:-latest}
                  x-owner: platform team
                  environment:
                    LOG: info
                  deploy:
                    replicas: 2
                services:
                  web:
                    <<: *service
                    x-comment: web is public
                  worker:
                    <<: *service
                    image: worker:1
                    deploy:
                      replicas: 5
                """);

        Stack stack = stacks.load("qa");

        assertThat(stack.warnings()).isEmpty();
        ServiceDef web = stack.services().get("web");
        assertThat(web.image()).isEqualTo("base:latest");
        assertThat(web.environment()).containsEntry("LOG", "info");
        assertThat(web.deploy().replicas()).isEqualTo(2);
        assertThat(web.line("image")).isEqualTo(2);
        ServiceDef worker = stack.services().get("worker");
        assertThat(worker.image()).isEqualTo("worker:1");
        assertThat(worker.deploy().replicas()).isEqualTo(5);
        assertThat(worker.environment()).containsEntry("LOG", "info");
        assertThat(worker.line("image")).isEqualTo(14);
    }

    @Test
    void unknownKeysAreWarnedAboutWithTheirLine() throws StackException {
        stacks.write("qa/compose.yaml", """
                version: "3.8"
                services:
                  web:
                    image: nginx
                    imgae: typo
                    deploy:
                      replicas: 1
                      placment:
                        constraints: []
                      resources:
                        limits: {cpus: "1"}
                    healthcheck:
                      test: true
                      intervall: 5s
                    hostname: web1
                frobnicate: 1
                """);

        Stack stack = stacks.load("qa");

        assertThat(stack.warnings()).extracting(w -> w.line() + " " + w.field()).containsExactlyInAnyOrder(
                "1 version", "5 services.web.imgae", "8 services.web.deploy.placment",
                "10 services.web.deploy.resources", "14 services.web.healthcheck.intervall",
                "15 services.web.hostname", "16 frobnicate");
        assertThat(stack.warnings()).allMatch(w -> !w.isError());
        assertThat(stack.warnings()).filteredOn(w -> w.field().endsWith("imgae"))
                .singleElement().satisfies(w -> assertThat(w.message()).contains("ignored by Envboard"));
        assertThat(stack.warnings()).filteredOn(w -> w.field().equals("version"))
                .singleElement().satisfies(w -> assertThat(w.message()).contains("obsolete"));
        assertThat(stack.warnings()).filteredOn(w -> w.field().endsWith("resources"))
                .singleElement().satisfies(w -> assertThat(w.message()).contains("not supported"));
    }

    @Test
    void buildIsWarnedAboutClearly() throws StackException {
        stacks.write("qa/compose.yaml", """
                services:
                  web:
                    build: ./web
                    image: web:1
                    container_name: web
                """);

        Stack stack = stacks.load("qa");

        assertThat(stack.warnings()).hasSize(2);
        assertThat(stack.warnings().get(0).line()).isEqualTo(3);
        assertThat(stack.warnings().get(0).field()).isEqualTo("services.web.build");
        assertThat(stack.warnings().get(0).message()).contains("does not build images").contains("beforehand")
                .contains("registry");
        assertThat(stack.warnings().get(1).message()).contains("names containers itself");
    }

    @Test
    void aMissingImageIsAnErrorAtTheServiceLine() {
        stacks.write("qa/compose.yaml", """
                services:
                  web:
                    build: ./web
                """);

        assertThat(stacks.errors("qa")).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.field()).isEqualTo("services.web.image");
            assertThat(e.message()).contains("is required");
        });
    }

    @Test
    void aStackNeedsServices() {
        stacks.write("qa/compose.yaml", "networks: {}\n");
        assertThat(stacks.errors("qa")).singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("services"));

        stacks.write("qa/compose.yaml", "services: {}\n");
        assertThat(stacks.errors("qa")).singleElement().satisfies(e -> assertThat(e.message()).contains("at least one service"));
    }

    @Test
    void yamlSyntaxErrorsNameTheLine() {
        stacks.write("qa/compose.yaml", "services:\n  web:\n    image: [nginx\n");

        assertThat(stacks.errors("qa")).singleElement().satisfies(e -> {
            assertThat(e.message()).contains("not valid YAML");
            assertThat(e.line()).as("the end of the file, where the unclosed [ is noticed").isEqualTo(4);
        });
    }

    @Test
    void unknownDependencyIsAnError() {
        stacks.write("qa/compose.yaml", """
                services:
                  web:
                    image: nginx
                  api:
                    image: api
                    depends_on:
                      - web
                      - db
                """);

        assertThat(stacks.errors("qa")).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("services.api.depends_on");
            assertThat(e.line()).isEqualTo(8);
            assertThat(e.message()).contains("unknown service \"db\"");
        });
    }

    @Test
    void dependencyCyclesAreNamed() {
        stacks.write("qa/compose.yaml", """
                services:
                  web:
                    image: nginx
                    depends_on: [api]
                  api:
                    image: api
                    depends_on:
                      web: {condition: service_started}
                  solo:
                    image: solo
                    depends_on: [solo]
                """);

        assertThat(stacks.errors("qa")).extracting(e -> e.line() + " " + e.field() + ": " + e.message()).containsExactly(
                "4 services.web.depends_on: depends_on cycle: web -> api -> web",
                "11 services.solo.depends_on: depends_on cycle: solo -> solo");
    }

    @Test
    void badDurationsPortsAndConstraintsAreErrorsAtTheirLines() {
        stacks.write("qa/compose.yaml", """
                services:
                  web:
                    image: nginx
                    stop_grace_period: 10 seconds
                    ports:
                      - "80:http"
                      - "70000"
                      - target: 80
                        protocol: sctp
                    healthcheck:
                      test: ["CURL", "x"]
                      interval: 5x
                    deploy:
                      replicas: two
                      placement:
                        constraints:
                          - node.role=manager
                        max_replicas_per_node: -1
                      restart_policy:
                        condition: always
                """);

        assertThat(stacks.errors("qa")).extracting(e -> e.line() + " " + e.field()).containsExactly(
                "4 services.web.stop_grace_period",
                "6 services.web.ports[0]",
                "7 services.web.ports[1]",
                "9 services.web.ports[2].protocol",
                "11 services.web.healthcheck.test",
                "12 services.web.healthcheck.interval",
                "14 services.web.deploy.replicas",
                "17 services.web.deploy.placement.constraints[0]",
                "18 services.web.deploy.placement.max_replicas_per_node",
                "20 services.web.deploy.restart_policy.condition");
        assertThat(StackFixture.describe(stacks.errors("qa")))
                .contains("services.web.deploy.replicas: must be a whole number, not \"two\"")
                .contains("expected key==value or key!=value")
                .contains("not a duration: \"10 seconds\"");
    }

    @Test
    void errorsOfSeveralServicesAreReportedTogether() {
        stacks.write("qa/compose.yaml", """
                services:
                  web:
                    image: nginx
                    deploy:
                      replicas: -2
                  api:
                    environment: {A: 1}
                  db:
                    image: postgres
                    networks: [back]
                    volumes:
                      - data:/var/lib/postgresql/data
                """);

        assertThat(stacks.errors("qa")).extracting(e -> e.line() + " " + e.field()).containsExactly(
                "5 services.web.deploy.replicas",
                "6 services.api.image",
                "10 services.db.networks[0]",
                "12 services.db.volumes[0]");
        assertThat(StackFixture.describe(stacks.errors("qa")))
                .contains("must be 0 or more")
                .contains("network \"back\" is not defined")
                .contains("volume \"data\" is not declared");
    }

    @Test
    void theMessageOfTheExceptionNamesFileLineAndKey() {
        Path file = stacks.write("qa/compose.yaml", """
                services:
                  web:
                    image: nginx
                    deploy:
                      replicas: two
                """);

        assertThatThrownBy(() -> stacks.load("qa")).isInstanceOf(StackException.class)
                .hasMessage(file + ":5: services.web.deploy.replicas: must be a whole number, not \"two\"");
    }

    @Test
    void globalServicesCannotSetReplicas() {
        stacks.write("qa/compose.yaml", "services:\n  agent:\n    image: agent\n    deploy: {mode: global, replicas: 2}\n");

        assertThat(stacks.errors("qa")).singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("services.agent.deploy.replicas"));
    }

    @Test
    void aHostIpIsWarnedAboutButKeptOutOfTheModel() throws StackException {
        stacks.write("qa/compose.yaml", "services:\n  web:\n    image: nginx\n    ports: [\"127.0.0.1:8080:80\", \"8000-8001:9000-9001\"]\n");

        Stack stack = stacks.load("qa");

        assertThat(stack.services().get("web").ports()).containsExactly(
                new PortMapping(8080, 80, "tcp", "ingress"),
                new PortMapping(8000, 9000, "tcp", "ingress"),
                new PortMapping(8001, 9001, "tcp", "ingress"));
        assertThat(stack.warnings()).singleElement().satisfies(w -> {
            assertThat(w.line()).isEqualTo(4);
            assertThat(w.message()).contains("127.0.0.1");
        });
    }

    @Test
    void healthchecksCanBeDisabled() throws StackException {
        stacks.write("qa/compose.yaml", """
                services:
                  a:
                    image: a
                    healthcheck:
                      disable: true
                  b:
                    image: b
                    healthcheck:
                      test: ["NONE"]
                """);

        Stack stack = stacks.load("qa");

        assertThat(stack.services().get("a").healthcheck().disabled()).isTrue();
        assertThat(stack.services().get("a").healthcheck().test()).containsExactly("NONE");
        assertThat(stack.services().get("b").healthcheck().disabled()).isTrue();
    }

    @Test
    void dependencyOrderGivesLevels() throws StackException {
        stacks.write("qa/compose.yaml", """
                services:
                  web:
                    image: web
                    depends_on: [api, cache]
                  api:
                    image: api
                    depends_on: [db]
                  cache:
                    image: redis
                  db:
                    image: postgres
                  worker:
                    image: worker
                    depends_on: {db: {condition: service_healthy}}
                """);

        Stack stack = stacks.load("qa");

        assertThat(StackLoader.dependencyOrder(stack)).containsExactly(
                List.of("cache", "db"), List.of("api", "worker"), List.of("web"));
    }

    @Test
    void dependencyOrderRefusesACycle() {
        ServiceDef a = service("a", "b");
        ServiceDef b = service("b", "a");
        Stack stack = new Stack(dir, "qa", Map.of("a", a, "b", b), Map.of(), List.of(), "");

        assertThatThrownBy(() -> StackLoader.dependencyOrder(stack)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("depends_on cycle: (a -> b -> a|b -> a -> b)"); // Map.of has no order to start from
    }

    @Test
    void theHashCoversTheDotEnvAndEnvFiles() throws StackException {
        stacks.write("qa/compose.yaml", "services:\n  web:\n    image: nginx\n    env_file: web.env\n");
        stacks.write("qa/web.env", "A=1\n");
        String bare = stacks.load("qa").sha256();

        stacks.write("qa/.env", "TAG=1\n");
        String withDotEnv = stacks.load("qa").sha256();
        stacks.write("qa/.env", "TAG=2\n");
        String changedDotEnv = stacks.load("qa").sha256();
        String again = stacks.load("qa").sha256();
        stacks.write("qa/web.env", "A=2\n");
        String changedEnvFile = stacks.load("qa").sha256();

        assertThat(List.of(bare, withDotEnv, changedDotEnv, changedEnvFile)).doesNotHaveDuplicates();
        assertThat(again).isEqualTo(changedDotEnv);
    }

    @Test
    void theHashIsOfTheFilesBytesInOrder() throws Exception {
        String compose = "services:\n  web:\n    image: nginx\n    env_file: web.env\n";
        stacks.write("qa/compose.yaml", compose);
        stacks.write("qa/.env", "TAG=1\n");
        stacks.write("qa/web.env", "A=1\n");

        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        sha.update((compose + "TAG=1\n" + "A=1\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(stacks.load("qa").sha256()).isEqualTo(java.util.HexFormat.of().formatHex(sha.digest()));
    }

    private static ServiceDef service(String name, String dependsOn) {
        return new ServiceDef(name, "img", null, null, Map.of(), Map.of(), List.of(), List.of(), null,
                List.of(new Dependency(dependsOn, Dependency.STARTED)), Duration.ofSeconds(10), DeploySpec.defaults(),
                List.of("default"), Map.of());
    }

    @Test
    void endpointModeDnsrrIsReadAndAnythingElseIsAnError() throws Exception {
        stacks.write("qa/compose.yaml", """
                services:
                  web:
                    image: nginx
                    deploy:
                      endpoint_mode: dnsrr
                  api:
                    image: api
                """);
        Stack stack = stacks.load("qa");
        assertThat(stack.services().get("web").deploy().usesDnsRoundRobin()).isTrue();
        assertThat(stack.services().get("api").deploy().endpointMode()).isEqualTo("vip");
        assertThat(stack.warnings()).isEmpty();

        stacks.write("qa/compose.yaml", """
                services:
                  web:
                    image: nginx
                    deploy:
                      endpoint_mode: round-robin
                """);
        assertThat(stacks.errors("qa")).hasSize(1);
        assertThat(StackFixture.describe(stacks.errors("qa")))
                .contains(":5").contains("endpoint_mode").contains("must be vip or dnsrr");
    }
}
