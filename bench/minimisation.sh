#!/usr/bin/env bash
# JMH benchmark of the minimisation filter on a 30-field answer, one thread (answers/s/core).
# Usage: bench/minimisation.sh [extra JMH options, e.g. -wi 5 -i 10]
set -euo pipefail
exec "$(dirname "$0")/test-class.sh" org.openjdk.jmh.Main MinimisationBenchmark "$@"
