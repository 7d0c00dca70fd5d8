package dev.envboard.deploy;

import dev.envboard.deploy.compose.PullPolicy;
import dev.envboard.deploy.compose.ServiceDef;
import dev.envboard.deploy.compose.Stack;
import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.deploy.history.ServiceVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A redeploy of a previous version ({@code --from DEPLOY_ID}): the current stack (services,
 * replicas, networks...) with each service's image replaced by the one the record names. A
 * recorded digest is pulled as {@code image@digest} (nothing is resolved); a service recorded
 * without a digest (pull policy missing or never then) runs its recorded image as the hosts have it.
 */
final class Rollback {
    private Rollback() {
    }

    /** The record with that id, of that pool and environment, with versions; refused otherwise. */
    static DeployRecord find(List<DeployRecord> records, String id, String pool, String environment) throws DeployException {
        DeployRecord found = records.stream().filter(r -> id.equals(r.id())).findFirst().orElse(null);
        String refused = "the rollback of " + environment + " was refused; nothing was changed: ";
        if (found == null) {
            throw new DeployException(refused + "no deploy " + id + " in the deploy history");
        }
        if (!environment.equals(found.environment()) || !pool.equals(found.pool())) {
            throw new DeployException(refused + "deploy " + id + " is of " + found.environment() + " in pool " + found.pool()
                    + ", not of " + environment + " in pool " + pool);
        }
        if (found.versions().isEmpty()) {
            throw new DeployException(refused + "deploy " + id + " recorded no versions (a record from before versions were"
                    + " kept); there is nothing to redeploy exactly");
        }
        return found;
    }

    /**
     * The current stack running the recorded images: pull policy always for a recorded digest,
     * never for an image recorded without one. Refused when a service of the stack is not in the record.
     */
    static Stack recorded(Stack current, DeployRecord record) throws DeployException {
        List<String> unknown = new ArrayList<>();
        Map<String, ServiceDef> services = new LinkedHashMap<>();
        for (ServiceDef service : current.services().values()) {
            ServiceVersion version = record.versions().get(service.name());
            if (version == null || version.image() == null) {
                unknown.add(service.name() + " (" + current.file() + ":" + service.line("") + ")");
                continue;
            }
            services.put(service.name(), service.withImage(version.image(), Map.of())
                    .withPullPolicy(version.digest() == null ? PullPolicy.NEVER : PullPolicy.ALWAYS));
        }
        if (!unknown.isEmpty()) {
            throw new DeployException("the rollback of " + current.environment() + " to deploy " + record.id()
                    + " was refused; nothing was changed: the stack has " + (unknown.size() == 1 ? "a service" : "services")
                    + " that deploy does not know: " + String.join(", ", unknown)
                    + "; redeploy without --from (e.g. with --pull), or remove "
                    + (unknown.size() == 1 ? "it" : "them") + " from the stack");
        }
        return new Stack(current.file(), current.environment(), services, current.networks(), current.warnings(), current.sha256());
    }

    /** For the output: the services that run a recorded image without a digest. */
    static List<String> withoutDigest(DeployRecord record, Stack recorded) {
        List<String> lines = new ArrayList<>();
        for (String service : recorded.services().keySet()) {
            ServiceVersion version = record.versions().get(service);
            if (version.digest() == null) {
                lines.add(service + ": deploy " + record.id() + " recorded no digest (pull policy "
                        + (version.pull() == null ? "unknown" : version.pull()) + "); it runs " + version.image()
                        + " as recorded, as each host has it");
            }
        }
        return lines;
    }
}
