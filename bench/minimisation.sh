#!/usr/bin/env bash
# JMH benchmark of the minimisation filter on a 30-field answer, one thread (answers/s/core).
# Usage: bench/minimisation.sh [extra JMH options, e.g. -wi 5 -i 10]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl gateway -am test-compile dependency:build-classpath \
  -Dspotless.check.skip -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/gateway/target/bench.classpath"
java -cp "gateway/target/test-classes:gateway/target/classes:adapters/target/classes:$(cat gateway/target/bench.classpath)" \
  org.openjdk.jmh.Main MinimisationBenchmark "$@"
