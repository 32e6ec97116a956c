#!/usr/bin/env bash
# How long the auditors' searches take on a large log: N records filled in one statement, then
# each search of the auditors' list (the page and the total: everything, one case, one day, one
# party, one person) three times, on the embedded H2 file or a real PostgreSQL.
# Usage: bench/audit-query.sh [records=200000] [h2|postgres]
set -euo pipefail
exec "$(dirname "$0")/test-class.sh" nl.wams.gateway.bench.AuditQueryLoad "${1:-200000}" "${2:-h2}"
