package dev.envboard.deploy.compose;

import dev.envboard.pool.placement.Constraint;
import dev.envboard.yaml.InputException;
import dev.envboard.yaml.YamlNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** deploy: mode, replicas, placement and restart_policy. */
final class DeployReader {
    private static final Set<String> CONDITIONS = Set.of("none", "on-failure", "any");

    private final StackContext context;

    DeployReader(StackContext context) {
        this.context = context;
    }

    DeploySpec read(YamlNode service) throws InputException {
        if (service.get("deploy").isEmpty()) {
            return DeploySpec.defaults();
        }
        YamlNode deploy = service.require("deploy");
        ComposeKeys.DEPLOY.check(deploy, context);
        Problems problems = context.problems();
        String mode = problems.attempt("replicated", () -> mode(deploy));
        int replicas = problems.attempt(1, () -> replicas(deploy, mode));
        List<String> constraints = new ArrayList<>();
        int maxPerNode = 0;
        if (deploy.get("placement").isPresent()) {
            YamlNode placement = deploy.require("placement");
            ComposeKeys.PLACEMENT.check(placement, context);
            problems.run(() -> constraints.addAll(constraints(placement)));
            maxPerNode = problems.attempt(0, () -> placement.get("max_replicas_per_node").isPresent()
                    ? context.scalars().wholeNumber(placement.require("max_replicas_per_node"), 0) : 0);
        }
        RestartPolicyDef restartPolicy = problems.attempt(null, () -> restartPolicy(deploy));
        String endpointMode = problems.attempt("vip", () -> endpointMode(deploy));
        return new DeploySpec(mode, replicas, constraints, maxPerNode, restartPolicy, endpointMode);
    }

    private String endpointMode(YamlNode deploy) throws InputException {
        if (deploy.get("endpoint_mode").isEmpty()) {
            return "vip";
        }
        YamlNode node = deploy.require("endpoint_mode");
        String mode = context.scalars().text(node).trim();
        if (!mode.equals("vip") && !mode.equals("dnsrr")) {
            throw node.problem("must be vip or dnsrr, not \"" + mode + "\"");
        }
        return mode;
    }

    private String mode(YamlNode deploy) throws InputException {
        if (deploy.get("mode").isEmpty()) {
            return "replicated";
        }
        YamlNode node = deploy.require("mode");
        String mode = context.scalars().text(node).trim();
        if (mode.equals("replicated-job") || mode.equals("global-job")) {
            throw node.problem("jobs are not supported by Envboard yet: use replicated or global");
        }
        if (!mode.equals("replicated") && !mode.equals("global")) {
            throw node.problem("must be replicated or global, not \"" + mode + "\"");
        }
        return mode;
    }

    private int replicas(YamlNode deploy, String mode) throws InputException {
        if (deploy.get("replicas").isEmpty()) {
            return 1;
        }
        YamlNode node = deploy.require("replicas");
        int replicas = context.scalars().wholeNumber(node, 0);
        if (mode.equals("global")) {
            throw node.problem("a global service runs one task per node: replicas cannot be set");
        }
        return replicas;
    }

    /** Kept as written; Constraint.parse only checks the key==value / key!=value form. */
    private List<String> constraints(YamlNode placement) throws InputException {
        List<String> constraints = new ArrayList<>();
        if (placement.get("constraints").isEmpty()) {
            return constraints;
        }
        for (YamlNode item : placement.require("constraints").items()) {
            context.problems().run(() -> {
                String text = context.scalars().text(item);
                try {
                    Constraint.parse(text);
                } catch (IllegalArgumentException e) {
                    throw item.problem(e.getMessage());
                }
                constraints.add(text);
            });
        }
        return constraints;
    }

    private RestartPolicyDef restartPolicy(YamlNode deploy) throws InputException {
        if (deploy.get("restart_policy").isEmpty()) {
            return null;
        }
        YamlNode node = deploy.require("restart_policy");
        ComposeKeys.RESTART_POLICY.check(node, context);
        Problems problems = context.problems();
        String condition = problems.attempt("any", () -> condition(node));
        Duration delay = problems.attempt(null, () -> duration(node, "delay"));
        Duration window = problems.attempt(null, () -> duration(node, "window"));
        Integer maxAttempts = problems.attempt(null, () -> node.get("max_attempts").isPresent()
                ? context.scalars().wholeNumber(node.require("max_attempts"), 0) : null);
        return new RestartPolicyDef(condition, delay, maxAttempts, window);
    }

    private String condition(YamlNode restartPolicy) throws InputException {
        if (restartPolicy.get("condition").isEmpty()) {
            return "any";
        }
        YamlNode node = restartPolicy.require("condition");
        String condition = context.scalars().text(node).trim();
        if (!CONDITIONS.contains(condition)) {
            throw node.problem("must be none, on-failure or any, not \"" + condition + "\"");
        }
        return condition;
    }

    private Duration duration(YamlNode map, String key) throws InputException {
        return map.get(key).isPresent() ? context.scalars().duration(map.require(key)) : null;
    }
}
