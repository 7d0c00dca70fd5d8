#!/usr/bin/env bash
# Runs one benchmark from bench/ against the sandbox pool: Envboard, the plain docker CLI and the
# floor (the Engine API calls Envboard makes, by a minimal client on kept-alive connections) doing
# the same work in one run, taking turns (health: an in-process Consul double, Envboard, curl and
# the floor). The last line printed is the result, e.g.
#   nodes: envboard=28 ms docker-cli=99 ms floor=20 ms ratio=0.29 floor-ratio=1.40
# Exits 1 with the reason (and for redeploy and demo the engines' state) when a side fails.
# Usage: scripts/bench.sh NAME      (scripts/bench.sh --list for the names)
# idle opens the packaged window (as startup does) and measures it while nothing changes.
# startup runs the packaged ./envboard and its floors as separate processes (its windows under an
# Xvfb of its own), cold (no AppCDS archive) and warm. scale runs ./envboard the same way, against
# 700 simulated engines (the Engine API simulator of the test sources) changing 100 times a second.
# ENVBOARD_BENCH_TRACE=1 scripts/bench.sh NAME: a short run that ends with the Engine API calls
# Envboard and the floor made in one round (through recording proxies; its timings mean nothing).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

if [[ "${1:-}" == "" || "${1:-}" == "--list" || "${1:-}" == "-h" ]]; then
    echo "usage: scripts/bench.sh NAME"
    echo "benchmarks: $(sed -n 's/.*"\([a-z-]*\)", new \([A-Za-z]*\)Bench().*/\1/p' bench/src/dev/envboard/bench/Bench.java | paste -sd' ' -)"
    exit 0
fi

# health brings its own Consul double on 127.0.0.1, scale its own simulated engines: no sandbox needed.
if [[ "$1" != "health" && "$1" != "scale" ]]; then
    scripts/sandbox.sh up >&2
fi
# startup times the packaged launcher (./envboard runs target/envboard-*.jar with target/lib), so it
# packages first. A build leaves no AppCDS archive behind: the launcher keeps it in
# $XDG_CACHE_HOME/envboard/cds/, and startup gives every cold run an empty XDG_CACHE_HOME of its own.
build=test-compile
if [[ "$1" == "startup" || "$1" == "idle" || "$1" == "scale" ]]; then
    build="package -DskipTests"
fi
mvn -B -q -Dstyle.color=never $build dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/test-classpath.txt >&2
exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
    dev.envboard.bench.Bench "$1"
