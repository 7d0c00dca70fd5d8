package dev.envboard.deploy;

import com.github.dockerjava.api.model.AuthConfig;
import dev.envboard.deploy.compose.PullPolicy;
import dev.envboard.deploy.compose.ServiceDef;
import dev.envboard.deploy.compose.Stack;
import dev.envboard.docker.DockerClients;
import dev.envboard.docker.EndpointSpec;
import dev.envboard.pool.Host;
import dev.envboard.pool.HostKey;
import dev.envboard.registry.ImageRef;
import dev.envboard.registry.ImageResolver;
import dev.envboard.registry.RegistryAuth;
import dev.envboard.registry.RegistryCredentials;
import dev.envboard.registry.RegistryException;
import dev.envboard.registry.ResolvedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The RESOLVE and PULL steps of a redeploy, before anything is removed: every image that will be
 * pulled is resolved to a digest in its registry, then pulled on every host that may run it, in
 * parallel. Any failure refuses the redeploy with the environment untouched.
 */
final class ImageSteps {
    private final DockerClients clients;
    private final Duration pullTimeout;

    /** How a service's image is fetched and run. */
    record ServiceImage(ServiceDef service, PullPolicy policy, ImageRef ref, ResolvedImage resolved, RegistryAuth auth) {
        /** What the new deployment runs: pinned to the digest (Swarm keeps the tag beside it, as the docker CLI does). */
        String runAs(boolean swarm) {
            if (resolved == null) {
                return service.image();
            }
            ImageRef pinned = resolved.pinned();
            if (!swarm) {
                return pinned.reference();
            }
            String name = pinned.registry().equals(ImageRef.DOCKER_HUB) ? pinned.repository() : pinned.name();
            return name + (pinned.tag() == null ? "" : ":" + pinned.tag()) + "@" + pinned.digest();
        }

        String digest() {
            return resolved == null ? null : resolved.digest();
        }
    }

    ImageSteps(DockerClients clients, Duration pullTimeout) {
        this.clients = clients;
        this.pullTimeout = pullTimeout;
    }

    /**
     * RESOLVE: each image pulled with policy always gets its digest; logins are found for always and missing.
     *
     * @param registry null when there is no registry client: a service to pull is refused
     */
    Map<String, ServiceImage> resolve(Stack stack, PullPolicy pullFor, RegistryClients registry, DeployListener listener)
            throws DeployException {
        ImageResolver resolver = registry == null ? null : registry.resolver();
        RegistryCredentials credentials = registry == null ? null : registry.credentials();
        Map<String, ServiceImage> images = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        Map<String, ResolvedImage> resolvedByImage = new HashMap<>();
        Map<String, Optional<RegistryAuth>> loginByRegistry = new HashMap<>();
        for (ServiceDef service : stack.services().values()) {
            PullPolicy policy = PullPolicy.effective(pullFor, service);
            if (policy == PullPolicy.NEVER) {
                images.put(service.name(), new ServiceImage(service, policy, null, null, null));
                continue;
            }
            String where = stack.file() + ":" + service.line("image") + ": services." + service.name();
            ImageRef ref;
            try {
                ref = ImageRef.parse(service.image());
            } catch (IllegalArgumentException e) {
                errors.add(where + ".image: " + e.getMessage());
                continue;
            }
            if ((policy == PullPolicy.ALWAYS && resolver == null) || credentials == null) {
                errors.add(where + ": image " + service.image() + " is to be pulled (pull policy " + policy.label()
                        + "), but this Envboard has no registry client; use --pull never or pull_policy: never");
                continue;
            }
            try {
                Optional<RegistryAuth> login = loginByRegistry.get(ref.registry());
                if (login == null) {
                    login = credentials.find(ref.registry());
                    loginByRegistry.put(ref.registry(), login);
                }
                ResolvedImage resolved = null;
                if (policy == PullPolicy.ALWAYS) {
                    resolved = resolvedByImage.get(ref.toString());
                    if (resolved == null) {
                        resolved = resolver.resolve(ref);
                        resolvedByImage.put(ref.toString(), resolved);
                        listener.message("resolved " + ref + " to " + resolved.digest());
                    }
                }
                images.put(service.name(), new ServiceImage(service, policy, ref, resolved, login.orElse(null)));
            } catch (RegistryException e) {
                errors.add(where + " (" + service.image() + "): " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new DeployException("the deploy of " + stack.environment() + " was refused; nothing was changed: "
                    + (errors.size() == 1 ? "an image could not be resolved" : errors.size() + " images could not be resolved")
                    + ":\n  " + String.join("\n  ", errors));
        }
        if (images.values().stream().allMatch(i -> i.policy() == PullPolicy.NEVER)) {
            listener.message("no registry asked: every service's pull policy is never");
        }
        return images;
    }

    /**
     * RESOLVE for a rollback: nothing is asked of the registry; each recorded digest is taken as it
     * is (the pull that follows fails, before anything is removed, where it is gone), and the login
     * for its registry is found as for a redeploy.
     *
     * @param stack the stack as {@link Rollback#recorded} made it: policy always where a digest was recorded
     */
    Map<String, ServiceImage> recorded(Stack stack, Map<String, dev.envboard.deploy.history.ServiceVersion> versions,
                                       RegistryClients registry, DeployListener listener) throws DeployException {
        RegistryCredentials credentials = registry == null ? null : registry.credentials();
        Map<String, ServiceImage> images = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (ServiceDef service : stack.services().values()) {
            String digest = versions.get(service.name()).digest();
            if (service.pullPolicy() == PullPolicy.NEVER || digest == null) {
                images.put(service.name(), new ServiceImage(service, PullPolicy.NEVER, null, null, null));
                continue;
            }
            try {
                ImageRef ref = ImageRef.parse(service.image());
                RegistryAuth login = credentials == null ? null : credentials.find(ref.registry()).orElse(null);
                images.put(service.name(), new ServiceImage(service, PullPolicy.ALWAYS, ref,
                        new ResolvedImage(ref, digest, digest), login));
                listener.message(service.name() + ": recorded " + ref + " at " + digest);
            } catch (IllegalArgumentException | RegistryException e) {
                errors.add("services." + service.name() + " (" + service.image() + "): " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new DeployException("the rollback of " + stack.environment() + " was refused; nothing was changed:\n  "
                    + String.join("\n  ", errors));
        }
        return images;
    }

    /**
     * PULL: {@code image@digest} on every host that may run a service with policy always (where the
     * host does not have that digest yet), the tag on the hosts that lack it for policy missing.
     * Hosts side by side, each host's images one after another; every failure is reported, by host.
     */
    void pull(String environment, DeployPlan plan, Map<String, ServiceImage> images, DeployListener listener,
              CancelToken cancel) throws DeployException {
        Map<HostKey, Set<Job>> byHost = new LinkedHashMap<>();
        Map<HostKey, Host> hosts = new HashMap<>();
        for (ServiceImage image : images.values()) {
            List<Host> targets = switch (image.policy()) {
                case ALWAYS -> plan.eligible().getOrDefault(image.service().name(), List.of());
                case MISSING -> plan.lacking().getOrDefault(image.service().name(), List.of());
                case NEVER -> List.of();
            };
            for (Host host : targets) {
                EndpointSpec endpoint = plan.engines().get(host.key());
                if (endpoint == null) {
                    continue; // a skipped check the user accepted: Swarm pulls it there with the auth sent
                }
                hosts.put(host.key(), host);
                ImageRef ref = image.resolved() != null ? image.resolved().pinned() : image.ref();
                byHost.computeIfAbsent(host.key(), k -> new LinkedHashSet<>()).add(new Job(endpoint, ref, image.auth()));
            }
        }
        if (byHost.isEmpty()) {
            listener.message("nothing to pull");
            return;
        }
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<Parallel.Work> work = new ArrayList<>();
        byHost.forEach((key, jobs) -> work.add(() -> {
            Host host = hosts.get(key);
            for (Job job : jobs) {
                ImagePull pull = new ImagePull(clients.slow(job.endpoint()), host.displayName(), job.image(),
                        RegistryLogins.authConfig(job.auth()), listener);
                try {
                    if (job.image().digest() != null && pull.present()) {
                        listener.pull(PullProgress.alreadyPresent(host.displayName(), job.image().reference()));
                        continue;
                    }
                    pull.run(cancel, pullTimeout);
                } catch (DeployException e) {
                    if (e.isCancelled()) {
                        throw e;
                    }
                    failures.add(e.getMessage());
                    return; // the rest of this host's pulls would only repeat the reason
                } catch (RuntimeException e) {
                    failures.add(host.displayName() + ": pull of " + job.image().reference() + " failed: "
                            + dev.envboard.docker.DockerErrors.describe(e));
                    return;
                }
            }
        }));
        Parallel.runAll("pull", work);
        if (!failures.isEmpty()) {
            List<String> sorted = new ArrayList<>(failures);
            Collections.sort(sorted);
            throw new DeployException("the deploy of " + environment + " was refused; nothing was changed: "
                    + (sorted.size() == 1 ? "a pull failed" : sorted.size() + " pulls failed") + ":\n  " + String.join("\n  ", sorted));
        }
    }

    /** Swarm: the login each service's tasks pull with, sent as X-Registry-Auth when the service is created. */
    static Map<String, AuthConfig> swarmLogins(Map<String, ServiceImage> images) {
        Map<String, AuthConfig> logins = new HashMap<>();
        images.forEach((service, image) -> {
            if (image.auth() != null && image.policy() != PullPolicy.NEVER) {
                logins.put(service, RegistryLogins.authConfig(image.auth()));
            }
        });
        return logins;
    }

    private record Job(EndpointSpec endpoint, ImageRef image, RegistryAuth auth) {
    }
}
