/**
 * A Docker Engine API simulator for tests and benchmarks: {@link dev.envboard.testing.engine.EngineSimulator}
 * starts many virtual engines in one process, each on its own 127.0.0.1 port (plain HTTP, which
 * Envboard accepts on loopback without TLS), and writes the pools.yaml that points Envboard at them.
 * Envboard's real code and docker-java talk to it over HTTP; it is not a mock of our classes.
 *
 * <p>It lives in the test sources because bench/src compiles with them (build-helper), so tests
 * and benchmarks share it, and nothing of it ships in the product jar.
 *
 * <p>Answers: /_ping, /version, /info, /nodes, /nodes/{id}, /tasks, /services, /containers/json,
 * /containers/{id}/json, /containers/{id}/logs (multiplexed frames, follow) and /events (one JSON
 * object per line; filters type, event and container; since and until), under any /vX.Y prefix.
 * GET only: anything that would change an engine answers 501.
 */
package dev.envboard.testing.engine;
