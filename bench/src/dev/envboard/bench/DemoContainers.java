package dev.envboard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envboard.demo.DemoLabels;
import dev.envboard.deploy.Naming;
import dev.envboard.deploy.compose.Dependency;
import dev.envboard.deploy.compose.HealthcheckDef;
import dev.envboard.deploy.compose.PortMapping;
import dev.envboard.deploy.compose.ServiceDef;
import dev.envboard.deploy.compose.Stack;
import dev.envboard.deploy.compose.StackLoader;
import dev.envboard.demo.template.DemoTemplate;
import dev.envboard.demo.template.EntryPointSpec;
import dev.envboard.ssh.ShellQuote;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The containers a demo of a template is made of on a standalone pool, as Envboard's StandaloneDriver
 * creates them (name, hostname, image, environment, labels, published ports, healthcheck, restart
 * policy, stop timeout, the environment's network with the service's name as alias), placed as its
 * placer places them (least loaded host, then by hostname), from the template's stack as Envboard
 * loads it. The docker CLI's side runs them as {@code docker run} arguments, the floor's as the
 * Engine API's create bodies, so all sides start the same containers.
 */
final class DemoContainers {
    /** One container: replica {@code slot} of {@code service} on host number {@code host}. */
    record Replica(ServiceDef service, int slot, int host, String name) {
    }

    /** An entry point at the address of the host that runs its service. */
    record Entry(String target, String url) {
    }

    private final Stack stack;
    private final String environment;
    private final List<String> hostNames;
    private final List<Replica> replicas;
    private final List<Entry> entries;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param hostNames the hosts' hostnames, in the pool's order
     * @param addresses the hosts' addresses, in the same order
     */
    DemoContainers(DemoTemplate template, Stack stack, List<String> hostNames, List<String> addresses) {
        this.stack = stack;
        this.environment = stack.environment();
        this.hostNames = List.copyOf(hostNames);
        this.replicas = place(stack, hostNames);
        List<Entry> points = new ArrayList<>();
        for (EntryPointSpec spec : template.entryPoints()) {
            Replica replica = replicas.stream().filter(r -> r.service().name().equals(spec.service())).findFirst()
                    .orElseThrow(() -> new BenchFailure("entry point " + spec.target() + " names no service of " + template.name()));
            points.add(new Entry(spec.target(), "http://" + addresses.get(replica.host()) + ":" + spec.port() + spec.path()));
        }
        this.entries = List.copyOf(points);
    }

    /** StandalonePlacer's rule: per replica the host with fewest of this service, then least loaded, then by hostname. */
    private static List<Replica> place(Stack stack, List<String> hostNames) {
        List<Replica> placed = new ArrayList<>();
        int[] load = new int[hostNames.size()];
        for (ServiceDef service : stack.services().values()) {
            if (service.deploy().isGlobal() || service.deploy().maxReplicasPerNode() > 0 || !service.deploy().constraints().isEmpty()) {
                throw new BenchFailure("services." + service.name() + ": the benchmark places plain replicated services only");
            }
            int[] mine = new int[hostNames.size()];
            for (int slot = 1; slot <= service.deploy().replicas(); slot++) {
                int best = 0;
                for (int h = 1; h < hostNames.size(); h++) {
                    int byMine = Integer.compare(mine[h], mine[best]);
                    int byLoad = Integer.compare(load[h], load[best]);
                    if (byMine < 0 || byMine == 0 && (byLoad < 0 || byLoad == 0 && hostNames.get(h).compareTo(hostNames.get(best)) < 0)) {
                        best = h;
                    }
                }
                mine[best]++;
                load[best]++;
                placed.add(new Replica(service, slot, best, Naming.container(stack.environment(), service.name(), slot)));
            }
        }
        return List.copyOf(placed);
    }

    List<Replica> replicas() {
        return replicas;
    }

    List<Entry> entries() {
        return entries;
    }

    String network() {
        return Naming.network(environment, "default");
    }

    /** The images the stack names (as written, with their tags), each once. */
    List<String> images() {
        return stack.services().values().stream().map(ServiceDef::image).distinct().toList();
    }

    /** Envboard's creation order: depends_on levels, each started together. */
    List<List<Replica>> levels() {
        List<List<Replica>> levels = new ArrayList<>();
        for (List<String> level : StackLoader.dependencyOrder(stack)) {
            levels.add(replicas.stream().filter(r -> level.contains(r.service().name())).toList());
        }
        return levels;
    }

    /** What level {@code i + 1} waits for before it starts (Envboard's createInOrder): the services it depends on. */
    List<Replica> neededBefore(int level) {
        List<List<String>> order = StackLoader.dependencyOrder(stack);
        List<String> needed = order.get(level + 1).stream().flatMap(s -> stack.services().get(s).dependsOn().stream())
                .map(Dependency::service).distinct().toList();
        return replicas.stream().filter(r -> needed.contains(r.service().name())).toList();
    }

    /** Whether level {@code i + 1} waits for its dependencies to be healthy (else only running). */
    boolean neededHealthy(int level) {
        return StackLoader.dependencyOrder(stack).get(level + 1).stream().flatMap(s -> stack.services().get(s).dependsOn().stream())
                .anyMatch(d -> Dependency.HEALTHY.equals(d.condition()));
    }

    /** The labels StandaloneDriver gives a replica (the service's own, which carry the demo's, plus its naming). */
    Map<String, String> labels(Replica replica, String deployId) {
        Map<String, String> labels = new TreeMap<>(replica.service().labels());
        labels.put(Naming.NAMESPACE, environment);
        labels.put(Naming.SERVICE, replica.service().name());
        labels.put(Naming.SLOT, String.valueOf(replica.slot()));
        labels.put(Naming.DEPLOY_ID, deployId);
        labels.put(Naming.STOP_GRACE, String.valueOf(replica.service().stopGracePeriod().toSeconds()));
        labels.put(Naming.COMPOSE_PROJECT, environment);
        labels.put(Naming.COMPOSE_SERVICE, replica.service().name());
        return labels;
    }

    /** A demo's own labels, as DemoLabels puts them on every service. */
    static Map<String, String> demoLabels(String owner, String customer, String template, Instant created) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(DemoLabels.OWNER, owner);
        labels.put(DemoLabels.CUSTOMER, customer);
        labels.put(DemoLabels.TEMPLATE, template);
        labels.put(DemoLabels.CREATED, created.toString());
        return labels;
    }

    /** {@code docker run} arguments for one replica of {@code image}, with {@code moreLabels} (the demo's). */
    List<String> runArguments(Replica replica, String image, Map<String, String> moreLabels, String deployId) {
        ServiceDef service = replica.service();
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", replica.name(), "--hostname", replica.name(),
                "--network", network(), "--network-alias", service.name()));
        Map<String, String> labels = new TreeMap<>(labels(replica, deployId));
        labels.putAll(moreLabels);
        labels.forEach((k, v) -> args.addAll(List.of("--label", k + "=" + v)));
        new TreeMap<>(service.environment()).forEach((k, v) -> args.addAll(List.of("-e", k + "=" + v)));
        for (PortMapping port : service.ports()) {
            if (port.published() > 0) {
                args.addAll(List.of("-p", port.published() + ":" + port.target() + "/" + port.protocol()));
            }
        }
        HealthcheckDef health = service.healthcheck();
        if (health != null && !health.disabled()) {
            List<String> test = health.test();
            String command = test.get(0).equals("CMD-SHELL") ? test.get(1)
                    : String.join(" ", test.subList(1, test.size()).stream().map(ShellQuote::quote).toList());
            args.addAll(List.of("--health-cmd", command));
            addDuration(args, "--health-interval", health.interval());
            addDuration(args, "--health-timeout", health.timeout());
            addDuration(args, "--health-start-period", health.startPeriod());
            if (health.retries() != null) {
                args.addAll(List.of("--health-retries", String.valueOf(health.retries())));
            }
        }
        args.addAll(List.of("--restart", "unless-stopped", "--stop-timeout", String.valueOf(service.stopGracePeriod().toSeconds())));
        if (service.entrypoint() != null) {
            throw new BenchFailure("services." + service.name() + ": the benchmark runs no entrypoint override");
        }
        args.add(image);
        if (service.command() != null) {
            args.addAll(service.command());
        }
        return args;
    }

    private static void addDuration(List<String> args, String flag, Duration duration) {
        if (duration != null) {
            args.addAll(List.of(flag, duration.toMillis() + "ms"));
        }
    }

    /** The body of {@code POST /containers/create} StandaloneDriver sends (through docker-java) for one replica. */
    String createBody(Replica replica, String image, Map<String, String> moreLabels, String deployId) throws Exception {
        ServiceDef service = replica.service();
        ObjectNode body = json.createObjectNode();
        body.put("Image", image);
        body.put("Hostname", replica.name());
        ObjectNode labels = body.putObject("Labels");
        Map<String, String> all = new HashMap<>(labels(replica, deployId));
        all.putAll(moreLabels);
        all.forEach(labels::put);
        ArrayNode env = body.putArray("Env");
        service.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().forEach(env::add);
        body.put("StopTimeout", (int) service.stopGracePeriod().toSeconds());
        if (service.command() != null) {
            ArrayNode cmd = body.putArray("Cmd");
            service.command().forEach(cmd::add);
        }
        ObjectNode hostConfig = body.putObject("HostConfig");
        hostConfig.putArray("Binds");
        hostConfig.putObject("RestartPolicy").put("Name", "unless-stopped").put("MaximumRetryCount", 0);
        hostConfig.put("NetworkMode", network());
        List<PortMapping> published = service.ports().stream().filter(p -> p.published() > 0).toList();
        if (!service.ports().isEmpty()) {
            ObjectNode exposed = body.putObject("ExposedPorts");
            service.ports().forEach(p -> exposed.putObject(p.target() + "/" + p.protocol()));
        }
        if (!published.isEmpty()) {
            ObjectNode bindings = hostConfig.putObject("PortBindings");
            published.forEach(p -> bindings.putArray(p.target() + "/" + p.protocol()).addObject()
                    .put("HostIp", "").put("HostPort", String.valueOf(p.published())));
        }
        HealthcheckDef health = service.healthcheck();
        if (health != null) {
            ObjectNode check = body.putObject("Healthcheck");
            ArrayNode test = check.putArray("Test");
            (health.disabled() ? List.of("NONE") : health.test()).forEach(test::add);
            if (!health.disabled()) {
                putNanos(check, "Interval", health.interval());
                putNanos(check, "Timeout", health.timeout());
                putNanos(check, "StartPeriod", health.startPeriod());
                if (health.retries() != null) {
                    check.put("Retries", health.retries());
                }
            }
        }
        body.putObject("NetworkingConfig").putObject("EndpointsConfig").putObject(network())
                .putArray("Aliases").add(service.name());
        return json.writeValueAsString(body);
    }

    private static void putNanos(ObjectNode node, String field, Duration duration) {
        if (duration != null) {
            node.put(field, duration.toNanos());
        }
    }

    String hostName(int host) {
        return hostNames.get(host);
    }
}
