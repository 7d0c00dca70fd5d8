package dev.envboard.demo;

import dev.envboard.pool.HostKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a user asks for when launching a demo.
 *
 * @param template  the template's name (its folder in the pool's templates:)
 * @param customer  who the demo is for; names the environment {@code demo-CUSTOMER} (as a slug)
 * @param hostCount how many free hosts to pick from Unassigned; 0 for as many as the template needs.
 *                  Ignored when {@code hosts} names some
 * @param hosts     the hosts to launch on (the user dragged them in); empty to let Envboard pick
 * @param lifetime  how long it lives; null for the template's default. At most the template's maximum
 * @param variables the template's variables the user set (KEY=VALUE); the others take their defaults
 * @param acceptUnchecked go past the deploy checks that could not run (the launch's refusal lists them);
 *                        false refuses the launch when there is any
 */
public record LaunchRequest(String template, String customer, int hostCount, List<HostKey> hosts, Duration lifetime,
                            Map<String, String> variables, boolean acceptUnchecked) {

    public LaunchRequest {
        hosts = List.copyOf(hosts);
        variables = Map.copyOf(variables);
    }

    /** Envboard picks the template's number of hosts, with the default lifetime. */
    public static LaunchRequest of(String template, String customer, Map<String, String> variables) {
        return new LaunchRequest(template, customer, 0, List.of(), null, variables, false);
    }
}
