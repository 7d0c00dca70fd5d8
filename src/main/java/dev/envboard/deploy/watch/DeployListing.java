package dev.envboard.deploy.watch;

import java.util.List;
import java.util.Map;

/**
 * The deploys of one pool as read now, newest first.
 *
 * @param unreachable the places of the pool that did not answer, with why: deploys kept only there are missing
 * @param unreadable  records that are not whole deploy records, each named with what is wrong
 */
public record DeployListing(String pool, List<DeployEntry> entries, Map<String, String> unreachable, List<String> unreadable) {

    public DeployListing {
        entries = List.copyOf(entries);
        unreachable = Map.copyOf(unreachable);
        unreadable = List.copyOf(unreadable);
    }
}
