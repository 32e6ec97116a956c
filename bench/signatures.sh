#!/usr/bin/env bash
# Time per P-256 ECDSA (ES256) signature made and checked, the JDK's implementation against Bouncy
# Castle's, on a runtime: the per-message cost of the peer protocol.
# Usage: bench/signatures.sh [seconds per measurement=5]; JAVA=/usr/lib/jvm/<jdk>/bin/java for another runtime.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl gateway -am test-compile dependency:build-classpath \
  -Dspotless.check.skip -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/gateway/target/bench.classpath"
"${JAVA:-java}" -cp "gateway/target/test-classes:gateway/target/classes:adapters/target/classes:$(cat gateway/target/bench.classpath)" \
  nl.wams.gateway.bench.SignatureSpeed "${1:-5}"
