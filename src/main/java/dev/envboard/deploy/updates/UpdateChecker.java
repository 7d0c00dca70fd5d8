package dev.envboard.deploy.updates;

import dev.envboard.deploy.compose.PullPolicy;
import dev.envboard.deploy.compose.ServiceDef;
import dev.envboard.deploy.compose.Stack;
import dev.envboard.deploy.compose.StackException;
import dev.envboard.deploy.compose.StackLoader;
import dev.envboard.docker.DockerErrors;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolSpec;
import dev.envboard.registry.ImageRef;
import dev.envboard.registry.ImageResolver;
import dev.envboard.registry.RegistryException;
import dev.envboard.registry.ResolvedImage;
import dev.envboard.runtime.OffFxThread;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * "Update available": for each service of an environment's stack whose image is a tag in a
 * registry, asks the registry which digest the tag names now (the resolver and logins a redeploy
 * uses) and compares it with the digest every host runs. Images pinned by digest and services with
 * {@code pull_policy: never} are not asked. One service that cannot be checked never stops the
 * others; nothing here throws for an engine or a registry. Blocking: off the FX thread.
 */
public final class UpdateChecker {
    private final StackLoader stacks;
    private final RunningImages running;
    private final Function<PoolSpec, ImageResolver> resolvers;
    private final Clock clock;

    /** @param resolvers per pool, the resolver its checks ask (null: none, its services are unknown) */
    public UpdateChecker(StackLoader stacks, RunningImages running, Function<PoolSpec, ImageResolver> resolvers, Clock clock) {
        this.stacks = stacks;
        this.running = running;
        this.resolvers = resolvers;
        this.clock = clock;
    }

    public EnvironmentUpdates check(PoolSnapshot snapshot, String environment) {
        return check(snapshot, List.of(environment)).get(0);
    }

    /** The environments of one pool in one round: an image several of them use is asked for once. */
    public List<EnvironmentUpdates> check(PoolSnapshot snapshot, List<String> environments) {
        OffFxThread.check("UpdateChecker.check");
        Round round = new Round(resolvers.apply(snapshot.pool()));
        List<EnvironmentUpdates> result = new ArrayList<>();
        for (String environment : environments) {
            long before = round.requests();
            List<ServiceUpdate> services = new ArrayList<>();
            String problem = round.check(snapshot, environment, services);
            result.add(new EnvironmentUpdates(snapshot.pool().name(), environment, services, problem,
                    round.requests() - before, clock.instant()));
        }
        return result;
    }

    /** One round of checks: the registry's answers kept by image, so each is asked once. */
    private final class Round {
        private final ImageResolver resolver;
        private final Map<String, Object> answers = new HashMap<>(); // image -> ResolvedImage or RegistryException

        Round(ImageResolver resolver) {
            this.resolver = resolver;
        }

        long requests() {
            return resolver == null ? 0 : resolver.requestCount();
        }

        /** Adds a result per service; returns why the environment could not be checked at all, else null. */
        String check(PoolSnapshot snapshot, String environment, List<ServiceUpdate> out) {
            PoolSpec pool = snapshot.pool();
            if (pool.stacksDir() == null || stacks.locate(pool.stacksDir(), environment).isEmpty()) {
                return null; // nothing Envboard deploys there: nothing to compare
            }
            Stack stack;
            try {
                stack = stacks.load(pool.stacksDir(), environment);
            } catch (StackException e) {
                return "the stack of " + environment + " does not load: " + e.getMessage();
            }
            Map<String, Map<String, String>> runs;
            try {
                runs = running.read(snapshot, environment);
            } catch (RuntimeException e) {
                return "what " + environment + " runs could not be read: " + DockerErrors.describe(e);
            }
            for (ServiceDef service : stack.services().values()) {
                out.add(service(service, runs.getOrDefault(service.name(), Map.of())));
            }
            return null;
        }

        private ServiceUpdate service(ServiceDef service, Map<String, String> runs) {
            Map<String, String> hosts = new java.util.TreeMap<>(runs); // by host name, in every message
            String name = service.name();
            String image = service.image();
            if (PullPolicy.effective(null, service) == PullPolicy.NEVER) {
                return ServiceUpdate.notChecked(name, image, "pull_policy never");
            }
            ImageRef ref;
            try {
                ref = ImageRef.parse(image);
            } catch (IllegalArgumentException e) {
                return ServiceUpdate.unknown(name, image, hosts, e.getMessage(), false);
            }
            if (ref.digest() != null) {
                return ServiceUpdate.notChecked(name, image, "pinned to a digest");
            }
            if (hosts.isEmpty()) {
                return ServiceUpdate.unknown(name, image, hosts, "not running", false);
            }
            if (hosts.values().stream().allMatch(Objects::isNull)) {
                return ServiceUpdate.unknown(name, image, hosts, "runs an image without a registry digest (imported or built on the host)", false);
            }
            Object answer = answers.computeIfAbsent(ref.toString(), key -> ask(ref));
            if (!(answer instanceof ResolvedImage resolved)) {
                return ServiceUpdate.unknown(name, image, hosts, (String) answer, true);
            }
            List<String> behind = new ArrayList<>();
            List<String> noDigest = new ArrayList<>();
            hosts.forEach((host, digest) -> {
                if (digest == null) {
                    noDigest.add(host);
                } else if (!digest.equals(resolved.digest()) && !digest.equals(resolved.platformDigest())) {
                    behind.add(host);
                }
            });
            List<String> notes = new ArrayList<>();
            if (hosts.values().stream().filter(Objects::nonNull).distinct().count() > 1) {
                notes.add("hosts differ: " + String.join(", ", hosts.entrySet().stream()
                        .map(e -> e.getKey() + " " + ServiceUpdate.shortDigest(e.getValue())).toList()));
            } else if (!noDigest.isEmpty()) {
                notes.add("no digest known on " + String.join(", ", noDigest));
            }
            UpdateState state = behind.isEmpty() ? UpdateState.UP_TO_DATE : UpdateState.UPDATE_AVAILABLE;
            return new ServiceUpdate(name, image, state, hosts, resolved.digest(), notes.isEmpty() ? null : String.join("; ", notes), false);
        }

        /** The registry's answer, or why there is none (the message names image, registry and reason; never a secret). */
        private Object ask(ImageRef ref) {
            if (resolver == null) {
                return "this Envboard has no registry client";
            }
            try {
                return resolver.resolve(ref);
            } catch (RegistryException e) {
                return e.getMessage();
            } catch (RuntimeException e) {
                return ref + ": " + DockerErrors.describe(e);
            }
        }
    }
}
