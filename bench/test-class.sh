#!/usr/bin/env bash
# Runs a main class of the gateway's test sources (a load driver or JMH) with the test classpath,
# compiled first. The benchmarks that drive the gateway's classes directly call this.
# Usage: bench/test-class.sh <main class> [arguments...]; JAVA picks another runtime.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl gateway -am test-compile dependency:build-classpath \
  -Dspotless.check.skip -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/gateway/target/bench.classpath"
exec "${JAVA:-java}" -cp "gateway/target/test-classes:gateway/target/classes:adapters/target/classes:$(cat gateway/target/bench.classpath)" \
  "$@"
