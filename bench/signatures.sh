#!/usr/bin/env bash
# Time per P-256 ECDSA (ES256) signature made and checked, the JDK's implementation against Bouncy
# Castle's, on a runtime: the per-message cost of the peer protocol.
# Usage: bench/signatures.sh [seconds per measurement=5]; JAVA=/usr/lib/jvm/<jdk>/bin/java for another runtime.
set -euo pipefail
exec "$(dirname "$0")/test-class.sh" nl.wams.gateway.bench.SignatureSpeed "${1:-5}"
