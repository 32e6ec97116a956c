#!/usr/bin/env bash
# What the background expiry of request ids and stored results costs: N expired rows (beside N
# live ones) deleted by the gateway's own expiry, on the embedded H2 file or a real PostgreSQL;
# time and CPU per 1,000 rows, three rounds on a growing table.
# Usage: bench/expiry.sh [rows=20000] [h2|postgres]
set -euo pipefail
exec "$(dirname "$0")/test-class.sh" nl.wams.gateway.bench.ExpiryLoad "${1:-20000}" "${2:-h2}"
