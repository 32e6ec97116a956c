#!/usr/bin/env bash
# Durable audit appends per second on an embedded PostgreSQL or the embedded H2 file (the gateway's
# own URL), N concurrent writers, each append waiting for its commit, and the CPU per record.
# With "request": each step is what one data request writes (two records, then two records with the
# stored result: two commits), and the CPU is per request. A SQL file runs after the migration
# (statements separated by ";", e.g. "DROP INDEX ix_audit_record_transaction" to measure what that
# index costs per commit).
# Usage: bench/audit-append.sh [writers=64] [seconds=20] [postgres|h2] [record|request] [sql-file]
set -euo pipefail
sql=${5:+$(realpath "$5")}
exec "$(dirname "$0")/test-class.sh" nl.wams.gateway.bench.AuditAppendLoad "${1:-64}" "${2:-20}" "${3:-postgres}" \
  "${4:-record}" ${sql:+"$sql"}
