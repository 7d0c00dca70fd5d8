package dev.envboard.bench;

import dev.envboard.testing.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The benchmark's stack: N services of R replicas, each a shell loop that stops at once on SIGTERM. */
final class BenchStacks {
    static final String COMMAND = "trap 'exit 0' TERM; while :; do sleep 1 & wait $$!; done";
    static final String IMAGE = "envboard/demo:1";
    static final int GRACE_SECONDS = 2;

    /** The command as the container gets it: {@code $$} in compose is a literal {@code $}. */
    static String command() {
        return COMMAND.replace("$$", "$");
    }

    private BenchStacks() {
    }

    static void write(Path stacks, String environment, int services, int replicas) throws IOException {
        write(stacks, environment, services, replicas, IMAGE);
    }

    /** The same with another image: one not imported ({@link #IMAGE} is) gets the default pull policy. */
    static void write(Path stacks, String environment, int services, int replicas, String image) throws IOException {
        Files.createDirectories(stacks.resolve(environment));
        Files.writeString(stacks.resolve(environment).resolve("compose.yaml"), compose(services, replicas, null, image));
    }

    /** The stack of {@link #write} with {@code image}, for docker stack deploy, in a file of its own. */
    static Path cliCompose(Path stacks, String environment, int services, int replicas, String image, String fileName)
            throws IOException {
        Path file = stacks.resolve(environment).resolve(fileName);
        Files.createDirectories(file.getParent());
        Files.writeString(file, compose(services, replicas, "node.labels.environment==" + environment, image));
        return file;
    }

    /** The same stack for docker stack deploy, which needs the environment's placement written in. */
    static Path cliCompose(Path stacks, String environment) throws IOException {
        String text = Files.readString(stacks.resolve(environment).resolve("compose.yaml"));
        int services = (int) text.lines().filter(l -> l.matches("  svc\\d+:")).count();
        int replicas = Integer.parseInt(text.lines().filter(l -> l.contains("replicas:")).findFirst().orElseThrow().replaceAll("\\D", ""));
        Path file = stacks.resolve(environment).resolve("cli-compose.yaml");
        Files.writeString(file, compose(services, replicas, "node.labels.environment==" + environment, IMAGE));
        return file;
    }

    private static String compose(int services, int replicas, String constraint, String image) {
        StringBuilder text = new StringBuilder("services:\n");
        for (int i = 1; i <= services; i++) {
            text.append(String.format("  svc%02d:%n", i))
                    .append("    image: ").append(image).append('\n');
            // Imported on every engine, in no registry. Only in Envboard's stack: the CLI's (the one
            // with the placement written in) goes to docker stack deploy, whose compose schema
            // refuses pull_policy ("Additional property pull_policy is not allowed"); it is
            // deployed with --resolve-image never instead.
            if (image.equals(IMAGE) && constraint == null) {
                text.append("    pull_policy: never\n");
            }
            text.append("    command: [\"sh\", \"-c\", \"").append(COMMAND).append("\"]\n")
                    .append("    stop_grace_period: ").append(GRACE_SECONDS).append("s\n")
                    .append("    deploy:\n")
                    .append("      replicas: ").append(replicas).append('\n')
                    .append("      endpoint_mode: dnsrr\n");
            if (constraint != null) {
                text.append("      placement:\n        constraints: [\"").append(constraint).append("\"]\n");
            }
        }
        return text.toString();
    }

    /**
     * Whatever a benchmark left: the stack on the Swarm, the containers and networks on the
     * standalone hosts. A network the engine will not remove is named on stderr: the sandbox's
     * reset would stop on it.
     */
    static void cleanUp(Sandbox sandbox, String environment) {
        try {
            sandbox.docker(sandbox.manager(), "stack", "rm", environment);
        } catch (AssertionError nothing) {
            // not deployed
        }
        String label = "label=com.docker.stack.namespace=" + environment;
        for (Sandbox.Engine engine : sandbox.standaloneHosts()) {
            String ids = sandbox.docker(engine, "ps", "-aq", "--filter", label);
            if (!ids.isBlank()) {
                String[] args = ("rm -f " + ids.replace('\n', ' ')).split(" ");
                sandbox.docker(engine, args);
            }
            for (String network : sandbox.docker(engine, "network", "ls", "-q", "--filter", label).lines().filter(l -> !l.isBlank()).toList()) {
                try {
                    sandbox.docker(engine, "network", "rm", network);
                } catch (AssertionError held) {
                    System.err.println("WARNING: network " + network + " of " + environment + " on " + engine.name()
                            + " cannot be removed: " + held.getMessage().trim() + "; `scripts/sandbox.sh stop " + engine.name()
                            + "` and `start " + engine.name() + "` clear a stale endpoint");
                }
            }
        }
    }
}
