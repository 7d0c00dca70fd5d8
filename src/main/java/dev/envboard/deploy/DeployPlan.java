package dev.envboard.deploy;

import dev.envboard.deploy.compose.Stack;
import dev.envboard.deploy.history.SkippedCheck;
import dev.envboard.deploy.standalone.Placement;
import dev.envboard.docker.EndpointSpec;
import dev.envboard.pool.Host;
import dev.envboard.pool.HostKey;
import java.util.List;
import java.util.Map;

/**
 * A validated redeploy: the stack, the hosts it goes to, and (standalone) where each replica
 * goes / (Swarm) on how many hosts each global service runs; and the checks that could not run.
 * {@code poolHosts} are all the pool's hosts, {@code engines} the engine endpoint of those that have one.
 * {@code eligible}: per service, the hosts that may run it (where its image must be);
 * {@code lacking}: per service with pull policy missing, the hosts that lack its image (to pull it there).
 */
record DeployPlan(Stack stack, List<Host> hosts, Map<String, List<Placement>> placements,
                  Map<String, Integer> globalTargets, List<String> warnings, List<SkippedCheck> skipped,
                  List<Host> poolHosts, Map<HostKey, EndpointSpec> engines, Map<String, List<Host>> eligible,
                  Map<String, List<Host>> lacking) {
}
