package dev.envboard.logs;

import dev.envboard.docker.EndpointSpec;
import dev.envboard.testing.Sandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Containers a test runs on the sandbox with the docker CLI, removed afterwards whatever happened. */
final class ScratchContainers implements AutoCloseable {
    static final String IMAGE = "envboard/demo:1";

    private record Made(Sandbox.Engine engine, String name) {
    }

    private final Sandbox sandbox;
    private final String prefix = "envboard-logtest-" + UUID.randomUUID().toString().substring(0, 6) + "-";
    private final List<Made> made = new ArrayList<>();

    ScratchContainers(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** {@code docker run -d --name PREFIX-name [options] envboard/demo:1 sh -c script}; returns the full name. */
    String run(Sandbox.Engine engine, String name, List<String> options, String script) {
        String full = prefix + name;
        made.add(new Made(engine, full));
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", full));
        args.addAll(options);
        args.addAll(List.of(IMAGE, "sh", "-c", script));
        sandbox.docker(engine, args.toArray(String[]::new));
        return full;
    }

    String run(Sandbox.Engine engine, String name, String script) {
        return run(engine, name, List.of(), script);
    }

    static ContainerRef ref(Sandbox.Engine engine, String name) {
        return new ContainerRef("sandbox", engine.name(), EndpointSpec.parse(engine.dockerHost(), null, false), name, name);
    }

    @Override
    public void close() {
        for (Made m : made) {
            try {
                sandbox.docker(m.engine(), "rm", "-f", m.name());
            } catch (AssertionError alreadyGone) {
                // removed by the test, or never started
            }
        }
    }
}
