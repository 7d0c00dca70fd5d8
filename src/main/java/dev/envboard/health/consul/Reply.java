package dev.envboard.health.consul;

/**
 * One answer from Consul.
 *
 * @param index    X-Consul-Index of the answer (0 when Consul sent none)
 * @param filtered X-Consul-Results-Filtered-By-ACLs was true: ACLs hid part of the answer
 */
public record Reply<T>(T value, long index, boolean filtered) {
}
