package dev.envboard.deploy.compose;

/**
 * A published port. {@code published} is 0 when only the target is given; protocol "tcp" or "udp";
 * mode "ingress" (Swarm routing mesh, the compose default) or "host".
 */
public record PortMapping(int published, int target, String protocol, String mode) {
}
