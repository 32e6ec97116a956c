#!/usr/bin/env bash
# Durable audit appends per second on an embedded PostgreSQL or the embedded H2 file (the gateway's
# own URL), N concurrent writers, each append waiting for its commit, and the CPU per record.
# Usage: bench/audit-append.sh [writers=64] [seconds=20] [postgres|h2]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl gateway -am test-compile dependency:build-classpath \
  -Dspotless.check.skip -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/gateway/target/bench.classpath"
java -cp "gateway/target/test-classes:gateway/target/classes:adapters/target/classes:$(cat gateway/target/bench.classpath)" \
  nl.wams.gateway.bench.AuditAppendLoad "${1:-64}" "${2:-20}" "${3:-postgres}"
