#!/usr/bin/env bash
# Runs one benchmark from bench/ against the sandbox pool, Envboard and the plain docker CLI
# doing the same work in one run (health: an in-process Consul double, Envboard and curl). The last line printed is the result, e.g.
#   nodes: envboard=9.8 ms docker-cli=160 ms ratio=0.06
# Usage: scripts/bench.sh NAME      (scripts/bench.sh --list for the names)
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

if [[ "${1:-}" == "" || "${1:-}" == "--list" || "${1:-}" == "-h" ]]; then
    echo "usage: scripts/bench.sh NAME"
    echo "benchmarks: $(sed -n 's/.*"\([a-z-]*\)", new \([A-Za-z]*\)Bench().*/\1/p' bench/src/dev/envboard/bench/Bench.java | paste -sd' ' -)"
    exit 0
fi

# health brings its own Consul double on 127.0.0.1: no sandbox needed.
if [[ "$1" != "health" ]]; then
    scripts/sandbox.sh up >&2
fi
mvn -B -q -Dstyle.color=never test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/test-classpath.txt >&2
exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
    dev.envboard.bench.Bench "$1"
