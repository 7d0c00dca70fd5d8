package dev.envboard.bench;

import dev.envboard.testing.Sandbox;
import java.util.ArrayList;
import java.util.List;

/**
 * A standalone environment redeployed correctly with the docker CLI: stop and remove the
 * containers on every host, wait until they are gone, create and start them again spread over
 * the hosts, wait until all run.
 */
final class StandaloneByHand {
    private final Sandbox sandbox;
    private final String environment;
    private final int services;
    private final int replicas;

    StandaloneByHand(Sandbox sandbox, String environment, int services, int replicas) {
        this.sandbox = sandbox;
        this.environment = environment;
        this.services = services;
        this.replicas = replicas;
    }

    void redeploy() throws InterruptedException {
        List<Sandbox.Engine> hosts = sandbox.standaloneHosts();
        String label = "label=com.docker.stack.namespace=" + environment;
        for (Sandbox.Engine host : hosts) {
            String ids = sandbox.docker(host, "ps", "-aq", "--filter", label);
            if (!ids.isBlank()) {
                List<String> stop = new ArrayList<>(List.of("stop", "-t", "2"));
                stop.addAll(ids.lines().toList());
                sandbox.docker(host, stop.toArray(String[]::new));
                List<String> rm = new ArrayList<>(List.of("rm"));
                rm.addAll(ids.lines().toList());
                sandbox.docker(host, rm.toArray(String[]::new));
            }
            String networks = sandbox.docker(host, "network", "ls", "-q", "--filter", label);
            for (String id : networks.isBlank() ? List.<String>of() : networks.lines().toList()) {
                sandbox.docker(host, "network", "rm", id);
            }
        }
        for (Sandbox.Engine host : hosts) {
            while (!sandbox.docker(host, "ps", "-aq", "--filter", label).isBlank()) {
                Thread.sleep(250);
            }
            sandbox.docker(host, "network", "create", "--label", "com.docker.stack.namespace=" + environment, environment + "_default");
        }
        int slot = 0;
        for (int s = 1; s <= services; s++) {
            String service = String.format("svc%02d", s);
            for (int r = 1; r <= replicas; r++) {
                Sandbox.Engine host = hosts.get(slot++ % hosts.size());
                sandbox.docker(host, "run", "-d", "--name", environment + "_" + service + "_" + r,
                        "--network", environment + "_default", "--network-alias", service,
                        "--label", "com.docker.stack.namespace=" + environment, "--restart", "unless-stopped",
                        "--stop-timeout", "2", "envboard/demo:1", "sh", "-c", BenchStacks.COMMAND.replace("$$", "$"));
            }
        }
        int expected = services * replicas;
        while (true) {
            int running = 0;
            for (Sandbox.Engine host : hosts) {
                String ids = sandbox.docker(host, "ps", "-q", "--filter", label, "--filter", "status=running");
                running += ids.isBlank() ? 0 : ids.split("\n").length;
            }
            if (running == expected) {
                return;
            }
            Thread.sleep(250);
        }
    }
}
