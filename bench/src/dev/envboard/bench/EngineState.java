package dev.envboard.bench;

import dev.envboard.testing.Sandbox;
import java.util.ArrayList;
import java.util.List;

/**
 * What an environment left on the sandbox's engines, as the docker CLI shows it: on the Swarm
 * manager its services and tasks; on every engine its containers and networks with the
 * endpoints each network still has. Printed when a redeploy fails, so that the failure says
 * what state the engines are in instead of where in the code it broke.
 */
final class EngineState {
    private EngineState() {
    }

    static String describe(Sandbox sandbox, String environment) {
        String label = "label=com.docker.stack.namespace=" + environment;
        StringBuilder text = new StringBuilder("engine state of " + environment + " (docker CLI):");
        Sandbox.Engine manager = sandbox.manager();
        text.append("\n  Swarm manager ").append(manager.name()).append(":");
        section(text, "services", cli(sandbox, manager, "service", "ls", "--filter", label, "--format", "{{.Name}} {{.Replicas}}"));
        List<String> nodes = new ArrayList<>(List.of("node", "ps"));
        nodes.addAll(cli(sandbox, manager, "node", "ls", "--format", "{{.Hostname}}").lines().toList());
        nodes.addAll(List.of("--filter", label, "--format", "{{.Name}} on {{.Node}}: desired {{.DesiredState}}, {{.CurrentState}} {{.Error}}"));
        section(text, "tasks", cli(sandbox, manager, nodes.toArray(String[]::new)));
        for (Sandbox.Engine engine : sandbox.engines()) {
            text.append("\n  engine ").append(engine.name()).append(" (").append(engine.isSwarm() ? "swarm node" : "standalone").append("):");
            section(text, "containers", cli(sandbox, engine, "ps", "-a", "--filter", label,
                    "--format", "{{.Names}} {{.Status}} networks={{.Networks}}"));
            String networks = cli(sandbox, engine, "network", "ls", "--filter", "name=" + environment + "_",
                    "--format", "{{.ID}} {{.Name}} {{.Driver}}/{{.Scope}}");
            List<String> described = new ArrayList<>();
            for (String network : networks.lines().filter(l -> !l.isBlank() && !l.startsWith("(")).toList()) {
                String id = network.split(" ")[0];
                described.add(network + ", endpoints: " + cli(sandbox, engine, "network", "inspect", "--format",
                        "{{range $id, $c := .Containers}}{{$c.Name}} {{end}}", id).trim());
            }
            section(text, "networks", described.isEmpty() ? networks : String.join("\n", described));
        }
        return text.toString();
    }

    private static void section(StringBuilder text, String what, String lines) {
        text.append("\n    ").append(what).append(": ");
        if (lines.isBlank()) {
            text.append("none");
            return;
        }
        lines.lines().forEach(line -> text.append("\n      ").append(line));
    }

    /** The CLI's output, or what went wrong asking (an engine that does not answer is part of the state). */
    private static String cli(Sandbox sandbox, Sandbox.Engine engine, String... args) {
        try {
            return sandbox.docker(engine, args);
        } catch (AssertionError e) {
            return "(" + e.getMessage().trim() + ")";
        }
    }
}
