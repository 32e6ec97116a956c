#!/usr/bin/env bash
# What the background expiry of request ids and stored results costs: N expired rows (beside N
# live ones) deleted by the gateway's own expiry, on the embedded H2 file or a real PostgreSQL;
# time and CPU per 1,000 rows, three rounds on a growing table.
# Usage: bench/expiry.sh [rows=20000] [h2|postgres]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl gateway -am test-compile dependency:build-classpath \
  -Dspotless.check.skip -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/gateway/target/bench.classpath"
java -cp "gateway/target/test-classes:gateway/target/classes:adapters/target/classes:$(cat gateway/target/bench.classpath)" \
  nl.wams.gateway.bench.ExpiryLoad "${1:-20000}" "${2:-h2}"
