#!/usr/bin/env bash
# Start-up: how long until a gateway answers, and how long the explain and request commands take,
# for each way of launching the same build:
#   fat-jar     java -jar wams-gateway.jar (classes from jars nested in the jar)
#   extracted   java -jar extracted/wams-gateway.jar (java -Djarmode=tools ... extract: plain jars)
#   cds         extracted, with a class-data-sharing archive from one training start (Java 17)
#   aot         extracted, on Java 25 with an AOT cache from one training start (JEP 483), when a
#               Java 25 runtime is there (JAVA25, default /usr/lib/jvm/temurin-25*/bin/java)
# The gateway is the demo's municipality (config/demo/gemeente.yml, fictional keys) in a copy of
# the repository's config and certs-example, alone: its peers are not running, so `request` gets
# their answers as unreachable at once. "ready" is the first 200 from /api/v1/openapi.json, timed
# from the launch. The commands run with -XX:TieredStopAtLevel=1 as a short-lived tool should.
#
# Usage: bench/startup.sh [runs=3]     (the median of the runs is reported)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${1:-3}
JAR=$ROOT/gateway/target/wams-gateway.jar
JAVA17=${JAVA:-java}
JAVA25=${JAVA25:-$(ls /usr/lib/jvm/temurin-25*/bin/java 2>/dev/null | head -1 || true)}
[ -f "$JAR" ] || mvn -B -q -DskipTests -Dspotless.check.skip package

if curl -sk -o /dev/null https://127.0.0.1:8443/; then
  echo "something already listens on 127.0.0.1:8443 (the demo?): stop it first" >&2
  exit 1
fi
W=$(mktemp -d /tmp/wams-startup.XXXXXX)
P=
cleanup() { [ -n "$P" ] && kill "$P" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT
cp -r "$ROOT/config" "$ROOT/certs-example" "$W/"
cd "$W"
"$JAVA17" -Djarmode=tools -jar "$JAR" extract --destination "$W/extracted" >/dev/null
EXTRACTED=$W/extracted/wams-gateway.jar
CONFIG=config/demo/gemeente.yml
now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# One training start per archive: Spring ends it once the context is up.
"$JAVA17" -XX:ArchiveClassesAtExit="$W/app.jsa" -Dspring.context.exit=onRefresh -jar "$EXTRACTED" \
  run --config $CONFIG >"$W/train-cds.log" 2>&1
rm -rf demo-data
if [ -n "$JAVA25" ]; then
  "$JAVA25" -XX:AOTCacheOutput="$W/app.aot" -Dspring.context.exit=onRefresh -jar "$EXTRACTED" \
    run --config $CONFIG >"$W/train-aot.log" 2>&1
  rm -rf demo-data
fi

"$JAVA17" -jar "$JAR" token --key certs-example/demo-issuer.private.jwk.json --config $CONFIG \
  --role coordinator --sub bench-startup --ttl-minutes 60 >"$W/token"

# Every launch is: $JAVA_BIN $OPTS -jar $JAR_UNDER_TEST <command>, set per row by measure().
launch() { "$JAVA_BIN" $OPTS "$@"; }

# Launches `run`, waits for the API, writes the seconds to $W/ready; the gateway keeps running in
# $P (so this runs in the script's own shell, never in $(...)).
ready_seconds() {
  rm -rf demo-data
  local start; start=$(now)
  # Not through launch(): $! must be the JVM itself, not a subshell around it.
  "$JAVA_BIN" $OPTS -jar "$JAR_UNDER_TEST" run --config $CONFIG >"$W/run.log" 2>&1 &
  P=$!
  for _ in $(seq 1 1200); do
    if [ "$(curl -sk -o /dev/null -w '%{http_code}' https://127.0.0.1:8443/api/v1/openapi.json)" = 200 ]; then
      echo "$(now) - $start" | bc >"$W/ready"
      return
    fi
    kill -0 "$P" 2>/dev/null || { echo "the gateway ended; see $W/run.log" >&2; exit 1; }
    sleep 0.05
  done
  echo "not ready within 60 s" >&2
  exit 1
}
# Seconds a command of the same launch takes (C1 only: a short-lived tool).
command_seconds() {
  local start; start=$(now)
  launch -XX:TieredStopAtLevel=1 -jar "$JAR_UNDER_TEST" "$@" >/dev/null 2>&1 || true
  echo "$(now) - $start" | bc
}
stop() { kill "$P"; wait "$P" 2>/dev/null || true; P=; }

printf '%-10s %10s %12s %14s %14s\n' launch "ready s" "explain s" "request 1st s" "request 2nd s"
ask() {
  command_seconds request --gateway https://127.0.0.1:8443 \
    --cacert certs-example/root-ca.crt.pem --token "$W/token" config/demo/requests/verkenning.json
}
# measure NAME JAVA "OPTIONS" JAR
# "request 1st" is the gateway's first request after it became ready (its own first-request cost
# included: the first TLS handshake, token check and request path of a fresh JVM); "request 2nd"
# the next one, as against a gateway that has been up for a while.
measure() {
  local name=$1
  JAVA_BIN=$2 OPTS=$3 JAR_UNDER_TEST=$4
  local ready=() explain=() first=() second=()
  for _ in $(seq 1 "$RUNS"); do
    ready_seconds
    ready+=("$(cat "$W/ready")")
    first+=("$(ask)")
    second+=("$(ask)")
    stop
    explain+=("$(command_seconds explain --config $CONFIG config/demo/requests/verkenning.json)")
  done
  printf '%-10s %10.2f %12.2f %14.2f %14.2f\n' "$name" \
    "$(printf '%s\n' "${ready[@]}" | median)" \
    "$(printf '%s\n' "${explain[@]}" | median)" \
    "$(printf '%s\n' "${first[@]}" | median)" \
    "$(printf '%s\n' "${second[@]}" | median)"
}
measure fat-jar "$JAVA17" "" "$JAR"
measure extracted "$JAVA17" "" "$EXTRACTED"
measure cds "$JAVA17" "-XX:SharedArchiveFile=$W/app.jsa" "$EXTRACTED"
if [ -n "$JAVA25" ]; then
  measure aot "$JAVA25" "-XX:AOTCache=$W/app.aot" "$EXTRACTED"
fi
echo "($RUNS runs each, median; $("$JAVA17" -version 2>&1 | head -1); $(nproc) cores; work folder $W)"
