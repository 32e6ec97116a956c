#!/usr/bin/env bash
# Durable audit appends per second on an embedded PostgreSQL or the embedded H2 file (the gateway's
# own URL), N concurrent writers, each append waiting for its commit, and the CPU per record.
# Usage: bench/audit-append.sh [writers=64] [seconds=20] [postgres|h2]
set -euo pipefail
exec "$(dirname "$0")/test-class.sh" nl.wams.gateway.bench.AuditAppendLoad "${1:-64}" "${2:-20}" "${3:-postgres}"
