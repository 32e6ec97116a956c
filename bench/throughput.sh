#!/usr/bin/env bash
# Throughput and added latency of one data request (one REST party, one subject), measured in one
# run, interleaved, against:
#   backend   the party's backend itself over HTTPS (nginx answering a fixed JSON)
#   nginx     nginx as a TLS reverse proxy in front of that backend (the yardstick)
#   h2        the gateway with its embedded H2 audit log
#   postgres  the gateway with PostgreSQL (Debian's server, fsync and synchronous commit on)
#   federated a requester gateway asking a provider gateway (mutual TLS, signed messages),
#             which asks the same backend
# For each: requests/s and p50/p99 at peak (wrk), CPU ms per request of the processes under test
# (from /proc), the ratio to nginx, and p50/p99 at half of its own peak rate with the
# latency it adds over the backend at that same rate (wrk with a fixed pause between the requests
# of each connection, so the rate holds).
#
# Usage: bench/throughput.sh [rounds=3] [seconds=10] [connections=16]
#        MODE=scaling bench/throughput.sh [rounds=3] [seconds=10] [connections=16]
#          how the cost of a request grows with its parties and subjects: the H2 gateway alone,
#          requests of 1 or 3 REST parties and 1 or 10 subjects, interleaved, with the fixed cost
#          and the cost per party and per subject fitted from them
#        MODE=threads bench/throughput.sh [rounds=3] [seconds=10] [connections=16]
#          where the CPU of a request goes: the H2 gateway alone (THREADS_OF=federated: the
#          requester and the provider gateway of the federated path), warmed, then per round the
#          CPU milliseconds per request of each group of its threads (Tomcat's request threads,
#          the audit writer, the party calls, the JDK HTTP client, GC, the JIT compilers, ...)
# Environment: JAVA (default java; e.g. /usr/lib/jvm/temurin-25-jdk-amd64/bin/java),
#              JAVA_OPTS (more options for the gateways' JVMs, e.g. a flight recording:
#              -XX:StartFlightRecording=delay=300s,duration=30s,filename=/tmp/{gateway}.jfr,settings=profile;
#              {gateway} becomes each gateway's name: h2, postgres, fed or ggz),
#              JAR (the gateways under test; default gateway/target/wams-gateway.jar, built when
#              missing). Keys, certificates and the token are always made with this checkout's jar,
#              so an older JAR can be measured in the same layout.
#              ONLY (the targets to measure, e.g. "nginx federated"; default all),
#              WARMUP (seconds of load per gateway before measuring; default: until it is warm,
#              see below), WARMUP_MAX (the most seconds of warm-up per gateway; default 900),
#              IDLE (MODE=threads: seconds without load between the warm-up and the rounds),
#              QUIET_MAX (the most seconds to wait, before each measurement, for the machine to be
#              idle: at least 90 % of the cores idle over 2 s; default 120),
#              RESULT_RETENTION (the requester gateways' api.result-retention, e.g. 1m; default the
#              gateway's 30m, which no run outlasts: a shorter one measures them with the expiry of
#              stored results at work, as every gateway is after its first half hour).
# Installs nginx, wrk and PostgreSQL from Debian's packages when they are missing (needs root).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ROUNDS=${1:-3}
SECONDS_PER_RUN=${2:-10}
CONNECTIONS=${3:-16}
JAVA=${JAVA:-java}
MODE=${MODE:-compare}
case "$MODE" in compare|scaling|threads) ;; *) echo "MODE is compare, scaling or threads"; exit 2 ;; esac
JAVA_OPTS=${JAVA_OPTS:-}
THREADS_OF=${THREADS_OF:-h2}
case "$THREADS_OF" in h2|federated) ;; *) echo "THREADS_OF is h2 or federated"; exit 2 ;; esac
# Each JVM target is loaded until it is warm before anything is measured: on two cores the JIT
# compiler works for minutes at these rates (after 60 s of load the H2 gateway ran at ~40 % of
# the rate it settled at after 5 minutes), and a gateway runs for days. Warm means: in the last
# 20 s window of load the JIT compilers of every JVM of the target were busy less than 1 s
# (jstat) and the rate moved less than 5 % from the window before. WARMUP=<seconds> gives a fixed
# warm-up instead.
WARMUP=${WARMUP:-}
WARMUP_MAX=${WARMUP_MAX:-900}
IDLE=${IDLE:-}
QUIET_MAX=${QUIET_MAX:-120}
RESULT_RETENTION=${RESULT_RETENTION:-}
TOOLS=$ROOT/gateway/target/wams-gateway.jar
JAR=${JAR:-$TOOLS}

need=()
command -v nginx >/dev/null || need+=(nginx)
command -v wrk >/dev/null || need+=(wrk)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} from Debian's packages"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
fi
PGBIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
[ -f "$TOOLS" ] || mvn -B -q -DskipTests -Dspotless.check.skip package

W=$(mktemp -d /tmp/wams-bench.XXXXXX)
chmod 755 "$W"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$W/nginx-backend.pid" ] && kill "$(cat "$W/nginx-backend.pid")" 2>/dev/null || true
  [ -f "$W/nginx-proxy.pid" ] && kill "$(cat "$W/nginx-proxy.pid")" 2>/dev/null || true
  [ -d "$W/pg" ] && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$W/pg" -m immediate stop >/dev/null 2>&1 || true
  wait 2>/dev/null || true
  # The raw wrk output stays; the databases go (gigabytes after a long warm-up).
  rm -rf "$W/pg" "$W/h2" "$W/ggz" "$W/fed"
}
trap cleanup EXIT

echo "work folder $W; $("$JAVA" -version 2>&1 | head -1); $(nproc) cores"
"$JAVA" -jar "$TOOLS" certs generate --out "$W/pki" >/dev/null
"$JAVA" -jar "$TOOLS" certs issuer-key --out "$W/keys" --name idp >/dev/null
for node in gemeente-h2 gemeente-pg gemeente-fed ggz; do
  "$JAVA" -jar "$TOOLS" certs issuer-key --out "$W/keys" --name "audit-$node" >/dev/null
  head -c 32 /dev/urandom | base64 > "$W/keys/pseudonym-$node.key"
  head -c 32 /dev/urandom | base64 > "$W/keys/data-$node.key"
done

# --- nginx: the backend (fixed answer) and, separately, the TLS reverse proxy in front of it
ANSWER='{"personen":[{"bsn":"999990019","bekend":true}]}'
# Ten fictional BSNs (they pass the 11-test; 999990019 is the one above) for the scaling mode.
SUBJECTS10=(999990007 999990019 999990020 999990032 999990044 999990056 999990068 999990081 999990093 999990111)
ANSWER10='{"personen":['$(for b in "${SUBJECTS10[@]}"; do printf '{"bsn":"%s","bekend":true},' "$b"; done | sed 's/,$//')']}'
for role in backend proxy; do
  mkdir -p "$W/nginx-$role"
  if [ $role = backend ]; then
    SERVER="listen 127.0.0.1:19101 ssl; location / { default_type application/json; return 200 '$ANSWER'; }
      location /ggz10 { default_type application/json; return 200 '$ANSWER10'; }"
  else
    SERVER="listen 127.0.0.1:19102 ssl; location / { proxy_pass https://backend; proxy_http_version 1.1;
      proxy_set_header Connection \"\"; proxy_ssl_session_reuse on; }"
  fi
  cat > "$W/nginx-$role.conf" <<EOF
user root;
worker_processes auto;
daemon on;
pid $W/nginx-$role.pid;
error_log $W/nginx-$role/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $W/nginx-$role; proxy_temp_path $W/nginx-$role;
  fastcgi_temp_path $W/nginx-$role; uwsgi_temp_path $W/nginx-$role; scgi_temp_path $W/nginx-$role;
  keepalive_requests 1000000;
  upstream backend { server 127.0.0.1:19101; keepalive 64; }
  server {
    ssl_certificate $W/pki/gemeente-tls.crt.pem;
    ssl_certificate_key $W/pki/gemeente-tls.key.pem;
    ssl_protocols TLSv1.3 TLSv1.2;
    $SERVER
  }
}
EOF
  nginx -c "$W/nginx-$role.conf" -p "$W/nginx-$role"
done

# --- PostgreSQL (Debian's server binaries, a cluster of its own in the work folder; not needed
# by the scaling and threads modes, which measure the H2 gateway alone)
if [ "$MODE" = compare ]; then
  mkdir -p "$W/pg" "$W/pgsock" && chown postgres "$W/pg" "$W/pgsock"
  runuser -u postgres -- "$PGBIN/initdb" -D "$W/pg" -U postgres --auth=trust >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$W/pg" -o "-p 15432 -k $W/pgsock -c listen_addresses=127.0.0.1" \
    -l "$W/pg/log" -w start >/dev/null
  runuser -u postgres -- "$PGBIN/psql" -h 127.0.0.1 -p 15432 -U postgres -qc "CREATE DATABASE wams" >/dev/null
fi

# --- gateway configurations
CATALOGUE=$ROOT/config/catalogue.yml
common() { # $1 node, $2 audit database block
  cat <<EOF
authentication: { issuer: "https://idp.bench.example", audience: wams-gateway, jwks-file: "$W/keys/idp.jwks.json" }
catalogue: "$CATALOGUE"
audit:
$2
  node-id: $1
  pseudonym-key-file: "$W/keys/pseudonym-$1.key"
  data-key-file: "$W/keys/data-$1.key"
  signing-key-file: "$W/keys/audit-$1.private.jwk.json"
purposes:
  - id: verkenning
    phase: verkenning
    legal-basis: { id: wmo-verkenning, text: "Wmo 2015 (Wams): verkenning" }
    categories: [bekend-bij]
minimisation:
  verkenning:
    bekend-bij: { bekend: keep }
EOF
}
federation() { # $1 organisation id in the PKI, $2 listener line or empty
  cat <<EOF
federation:
  tls: { path: "$W/pki/$1-tls.p12", password: changeit }
  signing: { path: "$W/pki/$1-signing.p12", password: changeit }
  trust-store: { path: "$W/pki/trust.p12", password: changeit }
$2
EOF
}
rest_party() { # the party every target asks; in the scaling mode five more on the same backend
  echo "parties:"
  one_party ggz 101 ggz
  if [ "$MODE" = scaling ]; then
    one_party ggz-2 102 ggz
    one_party ggz-3 103 ggz
    one_party ggz10-1 111 ggz10
    one_party ggz10-2 112 ggz10
    one_party ggz10-3 113 ggz10
  fi
}
one_party() { # $1 id, $2 last digits of its OIN, $3 backend path (ggz: one subject known, ggz10: ten)
  cat <<EOF
  - id: $1
    name: GGZ Noordkust ($1)
    oin: "00000099000000000$2"
    domain: zorg-ggz
    categories: [bekend-bij]
    adapter:
      type: rest
      url: https://127.0.0.1:19101/$3
      trust-store: { path: "$W/pki/trust.p12", password: changeit }
      mappings: { bekend-bij: { bekend: /bekend } }
EOF
}
requester_head() { # $1 port
  cat <<EOF
identity: { oin: "00000099000000000001", name: Gemeente Voorbeeldstad, roles: [requester] }
api: { host: 127.0.0.1, port: $1,${RESULT_RETENTION:+ result-retention: $RESULT_RETENTION,} tls: { path: "$W/pki/gemeente-tls.p12", password: changeit } }
EOF
}
{ requester_head 18443; common gemeente-h2 "  data-dir: \"$W/h2\""; rest_party; } > "$W/h2.yml"
{ requester_head 18444
  common gemeente-pg "  database: { url: \"jdbc:postgresql://127.0.0.1:15432/wams\", user: postgres, password: x }"
  rest_party; } > "$W/postgres.yml"
{ cat <<EOF
identity: { oin: "00000099000000000101", name: GGZ Noordkust, roles: [provider] }
api: { host: 127.0.0.1, port: 18446, tls: { path: "$W/pki/ggz-noordkust-tls.p12", password: changeit } }
EOF
  common ggz "  data-dir: \"$W/ggz\""
  federation ggz-noordkust "  listener: { host: 127.0.0.1, port: 19444 }"
  cat <<EOF
parties: []
provider:
  serves: [{ requester-oin: "00000099000000000001", purposes: [verkenning] }]
  release-policy: { bekend-bij: AUTOMATISCH }
  backend:
    type: rest
    url: https://127.0.0.1:19101/ggz
    trust-store: { path: "$W/pki/trust.p12", password: changeit }
    mappings: { bekend-bij: { bekend: /bekend } }
EOF
} > "$W/ggz.yml"
{ requester_head 18445; common gemeente-fed "  data-dir: \"$W/fed\""; federation gemeente ""
  cat <<EOF
parties:
  - id: ggz
    name: GGZ Noordkust
    oin: "00000099000000000101"
    domain: zorg-ggz
    categories: [bekend-bij]
    adapter: { type: peer, url: "https://127.0.0.1:19444/peer/v1/verzoeken" }
EOF
} > "$W/fed.yml"

declare -A GATEWAY_PID
start_gateway() { # $1 name, $2 port
  local opts=${JAVA_OPTS//\{gateway\}/$1}
  # shellcheck disable=SC2086 # JAVA_OPTS holds several options on purpose
  "$JAVA" -Xmx1g $opts -jar "$JAR" run --config "$W/$1.yml" > "$W/$1.log" 2>&1 &
  GATEWAY_PID[$1]=$!
  PIDS+=($!)
  for _ in $(seq 1 240); do
    code=$(curl -sk -o /dev/null -w '%{http_code}' "https://127.0.0.1:$2/api/v1/openapi.json" || true)
    [ "$code" = 200 ] && return 0
    sleep 0.5
  done
  echo "gateway $1 did not start:"; tail -20 "$W/$1.log"; exit 1
}
if [ "$MODE" = threads ] && [ "$THREADS_OF" = federated ]; then
  start_gateway ggz 18446
  start_gateway fed 18445
elif [ "$MODE" != compare ]; then
  start_gateway h2 18443
else
  start_gateway ggz 18446
  start_gateway h2 18443
  start_gateway postgres 18444
  start_gateway fed 18445
fi

TOKEN=$("$JAVA" -jar "$TOOLS" token --key "$W/keys/idp.private.jwk.json" --role coordinator --sub bench \
  --issuer https://idp.bench.example --ttl-minutes 600)
BODY='{"doel":"verkenning","grondslag":"wmo-verkenning","fase":"verkenning","aanleiding":"HULPVRAAG","zaakkenmerk":"Z-BENCH","personen":[{"bsn":"999990019","rol":"CLIENT"}],"partijen":[{"partij":"ggz","categorieen":["bekend-bij"]}]}'
printf '%s' "$BODY" > "$W/body.json"
cat > "$W/post.lua" <<EOF
wrk.method = "POST"
wrk.body = io.open("$W/body.json"):read("*a")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $TOKEN"
-- pause
EOF
# One answer per target, checked before measuring: the gateways must release the party's data.
case "$MODE/$THREADS_OF" in
  compare/*) checked="h2:18443 postgres:18444 fed:18445" ;;
  threads/federated) checked=fed:18445 ;;
  *) checked=h2:18443 ;;
esac
for t in $checked; do
  out=$(curl -sk -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$BODY" \
    "https://127.0.0.1:${t#*:}/api/v1/gegevensverzoeken")
  echo "$out" | grep -q '"uitkomst":"VERSTREKT"' || { echo "${t%%:*} did not release: $out"; exit 1; }
done

url() {
  case $1 in
    backend) echo https://127.0.0.1:19101/ggz ;;
    nginx) echo https://127.0.0.1:19102/ggz ;;
    h2) echo https://127.0.0.1:18443/api/v1/gegevensverzoeken ;;
    postgres) echo https://127.0.0.1:18444/api/v1/gegevensverzoeken ;;
    federated) echo https://127.0.0.1:18445/api/v1/gegevensverzoeken ;;
  esac
}
pids() { # the processes whose CPU counts for a target
  case $1 in
    backend) cat "$W/nginx-backend.pid"; pgrep -P "$(cat "$W/nginx-backend.pid")" ;;
    nginx) cat "$W/nginx-proxy.pid"; pgrep -P "$(cat "$W/nginx-proxy.pid")" ;;
    h2) echo "${GATEWAY_PID[h2]}" ;;
    postgres) echo "${GATEWAY_PID[postgres]} postgres" ;;
    federated) echo "${GATEWAY_PID[fed]} ${GATEWAY_PID[ggz]}" ;;
  esac
}
ticks() { # CPU ticks (user + system) of the given processes and their threads; "postgres" is the
  # whole server: its postmaster, the children alive now, and those that ended (counted in the
  # postmaster's children's time once it reaps them), so a worker that ends mid-run is not lost
  local sum=0 master
  for p in "$@"; do
    if [ "$p" = postgres ]; then
      master=$(head -1 "$W/pg/postmaster.pid")
      read -r -a f < <(sed 's/^.*) //' "/proc/$master/stat")
      sum=$((sum + f[11] + f[12] + f[13] + f[14]))
      for c in $(pgrep -P "$master"); do
        [ -r "/proc/$c/stat" ] && read -r -a f < <(sed 's/^.*) //' "/proc/$c/stat") && sum=$((sum + f[11] + f[12]))
      done
      continue
    fi
    [ -r "/proc/$p/stat" ] || continue
    read -r -a f < <(sed 's/^.*) //' "/proc/$p/stat")
    sum=$((sum + f[11] + f[12]))
  done
  echo $sum
}
cpu_stat() { # "idle stolen all": ticks of every core so far, idle (with I/O wait), given by the
  # hypervisor to other machines, and all of them (from the first line of /proc/stat)
  local f
  read -r -a f < <(head -1 /proc/stat)
  echo "$((f[4] + f[5])) ${f[8]} $((f[1] + f[2] + f[3] + f[4] + f[5] + f[6] + f[7] + f[8]))"
}
quiet() { # waits (at most QUIET_MAX seconds) until the machine is idle: what one target left
  # running after its load (PostgreSQL's checkpoint and autovacuum, an H2 file's compaction, the
  # kernel writing back what they wrote, a JIT finishing) must not be measured as the next
  # target's slowness. Idle: at least 90 % of all cores idle over 2 s.
  local waited=0 idle all idle0 all0
  read -r idle _ all < <(cpu_stat)
  while [ "$waited" -lt "$QUIET_MAX" ]; do
    idle0=$idle all0=$all
    sleep 2
    waited=$((waited + 2))
    read -r idle _ all < <(cpu_stat)
    [ $((all - all0)) -gt 0 ] && [ $(((idle - idle0) * 10)) -ge $(((all - all0) * 9)) ] && break
  done
  [ "$waited" -gt 2 ] && echo "  (waited $waited s for the machine to be idle before $1)" >&2
  return 0
}
ms() { # wrk/hey latency text (e.g. 1.23ms, 850.00us, 1.2s) to milliseconds
  awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); print v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); print v + 0 }
    else if (v ~ /s$/) { sub(/s$/, "", v); print v * 1000 } else print v }'
}

loaded() { # one measured wrk run: $1 names its output file, $2 URL, $3 wrk script, then the
  # processes whose CPU counts (see pids); prints "req/s CPU-ms/req non-2xx p50-ms p99-ms steal-%"
  local out="$W/wrk-$1.txt" url=$2 lua=$3 before after requests stolen0 all0 stolen1 all1
  shift 3
  before=$(ticks "$@")
  read -r _ stolen0 all0 < <(cpu_stat)
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -s "$lua" "$url" > "$out"
  read -r _ stolen1 all1 < <(cpu_stat)
  after=$(ticks "$@")
  requests=$(awk '/requests in/ { print $1 }' "$out")
  printf '%s %s %s %s %s %s\n' "$(awk '/Requests\/sec/ { print $2 }' "$out")" \
    "$(awk -v t=$((after - before)) -v hz="$HZ" -v n="$requests" 'BEGIN { printf "%.3f", t * 1000 / hz / n }')" \
    "$(awk '/Non-2xx/ { n = $NF } END { print n + 0 }' "$out")" \
    "$(ms "$(awk '$1 == "50%" { print $2 }' "$out")")" "$(ms "$(awk '$1 == "99%" { print $2 }' "$out")")" \
    "$(awk -v s=$((stolen1 - stolen0)) -v a=$((all1 - all0)) 'BEGIN { printf "%.1f", (a > 0) ? 100 * s / a : 0 }')"
}

# ONLY="nginx federated" measures some targets only (nginx, the yardstick, is always among them).
read -r -a TARGETS <<< "${ONLY:-backend nginx h2 postgres federated}"
[[ " ${TARGETS[*]} " == *" nginx "* ]] || TARGETS=(nginx "${TARGETS[@]}")
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
HZ=$(getconf CLK_TCK)
JSTAT=$(dirname "$(readlink -f "$(command -v "$JAVA")")")/jstat
jvms() { # the gateway processes of a target
  case $1 in
    h2) echo "${GATEWAY_PID[h2]}" ;;
    postgres) echo "${GATEWAY_PID[postgres]}" ;;
    federated) echo "${GATEWAY_PID[fed]} ${GATEWAY_PID[ggz]}" ;;
  esac
}
compile_ms() { # milliseconds the JIT compilers of these JVMs have worked so far (summed)
  local sum=0
  for p in "$@"; do
    sum=$(awk -v s="$sum" -v t="$("$JSTAT" -compiler "$p" | awk 'NR == 2 { print $4 }')" 'BEGIN { printf "%d", s + t * 1000 }')
  done
  echo "$sum"
}
warm() { # $1 target, $2 wrk script (default post.lua): load it until it is warm (see WARMUP above)
  local t=$1 lua=${2:-$W/post.lua} elapsed=0 previous=0 rate busy before
  if [ -n "$WARMUP" ] || [ ! -x "$JSTAT" ]; then
    wrk -t2 -c"$CONNECTIONS" -d"${WARMUP:-300}s" -s "$lua" "$(url "$t")" >/dev/null
    echo "  $t: ${WARMUP:-300} s of load"
    return
  fi
  while :; do
    before=$(compile_ms $(jvms "$t"))
    wrk -t2 -c"$CONNECTIONS" -d20s -s "$lua" "$(url "$t")" > "$W/warm-$t.txt"
    busy=$(( $(compile_ms $(jvms "$t")) - before ))
    rate=$(awk '/Requests\/sec/ { print $2 }' "$W/warm-$t.txt")
    elapsed=$((elapsed + 20))
    echo "  $t after $elapsed s: $rate req/s, JIT busy $busy ms in the last 20 s"
    if [ "$busy" -lt 1000 ] && awk -v a="$rate" -v b="$previous" 'BEGIN { exit !(a > 0.95 * b && a < 1.05 * b) }'; then
      return
    fi
    if [ "$elapsed" -ge "$WARMUP_MAX" ]; then
      echo "  $t: not warm after $WARMUP_MAX s; measured anyway"
      return
    fi
    previous=$rate
  done
}
if [ "$MODE" = scaling ]; then
  # One request shape per combination of 1 or 3 parties and 1 or 10 subjects.
  SHAPES=(1x1 3x1 1x10 3x10)
  for shape in "${SHAPES[@]}"; do
    parties=${shape%x*} subjects=${shape#*x}
    if [ "$subjects" = 1 ]; then bsns=(999990019) ids=(ggz ggz-2 ggz-3); else bsns=("${SUBJECTS10[@]}") ids=(ggz10-1 ggz10-2 ggz10-3); fi
    personen=$(for b in "${bsns[@]}"; do printf '{"bsn":"%s","rol":"CLIENT"},' "$b"; done | sed 's/,$//')
    partijen=$(for id in "${ids[@]:0:$parties}"; do printf '{"partij":"%s","categorieen":["bekend-bij"]},' "$id"; done | sed 's/,$//')
    printf '%s' "${BODY%%\"personen\"*}\"personen\":[$personen],\"partijen\":[$partijen]}" > "$W/body-$shape.json"
    sed "s|$W/body.json|$W/body-$shape.json|" "$W/post.lua" > "$W/post-$shape.lua"
    out=$(curl -sk -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data-binary "@$W/body-$shape.json" \
      https://127.0.0.1:18443/api/v1/gegevensverzoeken)
    [ "$(echo "$out" | grep -o '"uitkomst":"VERSTREKT"' | wc -l)" -ge "$parties" ] || { echo "$shape did not release: $out"; exit 1; }
  done
  echo "warming up the H2 gateway with every shape until it is warm"
  for shape in "${SHAPES[@]}"; do warm h2 "$W/post-$shape.lua"; done
  : > "$W/scaling.tsv"
  for round in $(seq 1 "$ROUNDS"); do
    for shape in "${SHAPES[@]}"; do
      read -r rps cpu non2xx _ < <(loaded "$shape-$round" "$(url h2)" "$W/post-$shape.lua" "${GATEWAY_PID[h2]}")
      printf '%s\t%s\t%s\t%s\n' "$shape" "$rps" "$cpu" "$non2xx" >> "$W/scaling.tsv"
      echo "round $round $shape: $rps req/s, CPU $cpu ms/req, non-2xx $non2xx"
    done
  done
  declare -A SRPS SCPU
  for shape in "${SHAPES[@]}"; do
    SRPS[$shape]=$(awk -v s="$shape" '$1 == s { print $2 }' "$W/scaling.tsv" | median)
    SCPU[$shape]=$(awk -v s="$shape" '$1 == s { print $3 }' "$W/scaling.tsv" | median)
  done
  echo
  echo "| parties x subjects | req/s (median of $ROUNDS) | CPU ms/req |"
  echo "| --- | ---: | ---: |"
  for shape in "${SHAPES[@]}"; do echo "| $shape | ${SRPS[$shape]} | ${SCPU[$shape]} |"; done
  awk -v a="${SCPU[1x1]}" -v b="${SCPU[3x1]}" -v c="${SCPU[1x10]}" -v d="${SCPU[3x10]}" 'BEGIN {
    party = (b - a) / 2; subject = (c - a) / 9; fixed = a - party - subject
    printf "\nfitted: %.2f ms fixed, %+.2f ms per party, %+.3f ms per subject; 3 x 10 predicted %.2f, measured %.2f ms\n",
      fixed, party, subject, fixed + 3 * party + 10 * subject, d }'
  echo "raw wrk output: $W"
  trap - EXIT
  cleanup
  exit 0
fi
if [ "$MODE" = threads ]; then
  # Where a request's CPU goes: the H2 gateway alone (or both gateways of the federated path),
  # warmed like the others, then per round the CPU each group of its threads took per request
  # (from /proc; each thread named after its gateway, digits in thread names folded, so that
  # Tomcat's request threads are one group).
  thread_ticks() { # "gateway:thread id|name|ticks" per thread of every gateway measured
    local g
    for g in $([ "$THREADS_OF" = federated ] && echo "fed ggz" || echo h2); do
      for f in /proc/"${GATEWAY_PID[$g]}"/task/*/stat; do
        [ -r "$f" ] && sed -E "s/^([0-9]+) \((.*)\) [A-Za-z] (.*)\$/$g:\1|$g \2|\3/" "$f"
      done
    done | awk -F'|' '{ split($3, a, " "); print $1 "|" $2 "|" a[11] + a[12] }'
  }
  cpu_by_thread() { # $1 divisor: "ms|name" per group of threads between threads-before.txt and
    # threads-after.txt, CPU milliseconds divided by $1, most first. Per thread its ticks in between
    # (all of them for a thread that started meanwhile; a thread that ended meanwhile is lost),
    # summed per name with its digits folded.
    awk -F'|' -v n="$1" -v hz="$HZ" 'NR == FNR { before[$1] = $3; next }
      { name = $2; gsub(/[0-9]+/, "#", name); t[name] += $3 - before[$1] }
      END { for (g in t) printf "%.3f|%s\n", t[g] * 1000 / hz / n, g }' "$W/threads-before.txt" "$W/threads-after.txt" |
      sort -t'|' -k1,1 -gr
  }
  echo "warming up the $THREADS_OF gateway until it is warm"
  warm "$THREADS_OF"
  if [ -n "$IDLE" ]; then
    # As in the compare layout, where the H2 gateway idles while the others warm up: what an
    # idle spell costs the rounds after it, and which threads take it.
    echo "idle for $IDLE s; CPU ms per second by thread:"
    thread_ticks > "$W/threads-before.txt"
    sleep "$IDLE"
    thread_ticks > "$W/threads-after.txt"
    cpu_by_thread "$IDLE" | awk -F'|' '$1 >= 0.05 { printf "  %-20s %.1f\n", $2, $1 }'
  fi
  for round in $(seq 1 "$ROUNDS"); do
    thread_ticks > "$W/threads-before.txt"
    wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s "$W/post.lua" "$(url "$THREADS_OF")" > "$W/threads-$round.txt"
    thread_ticks > "$W/threads-after.txt"
    requests=$(awk '/requests in/ { print $1 }' "$W/threads-$round.txt")
    echo
    echo "round $round: $(awk '/Requests\/sec/ { print $2 }' "$W/threads-$round.txt") req/s; CPU ms per request by thread:"
    cpu_by_thread "$requests" | awk -F'|' '{ total += $1; if ($1 >= 0.005) printf "  %-20s %s\n", $2, $1 }
      END { printf "  %-20s %.3f\n", "all threads", total }'
  done
  echo "raw wrk output: $W"
  trap - EXIT
  cleanup
  exit 0
fi
echo "warming up (nginx and the backend 5 s; each gateway until it is warm)"
for t in "${TARGETS[@]}"; do
  case "$t" in
    backend|nginx) wrk -t2 -c"$CONNECTIONS" -d5s -s "$W/post.lua" "$(url "$t")" >/dev/null ;;
    *) warm "$t" ;;
  esac
done
: > "$W/peak.tsv"
for round in $(seq 1 "$ROUNDS"); do
  for t in "${TARGETS[@]}"; do
    quiet "$t"
    # shellcheck disable=SC2046 # pids gives several words on purpose
    read -r rps cpu non2xx p50 p99 steal < <(loaded "$t-$round" "$(url "$t")" "$W/post.lua" $(pids "$t"))
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$round" "$rps" "$p50" "$p99" "$cpu" "$non2xx" >> "$W/peak.tsv"
    echo "round $round $t: $rps req/s, p50 $p50 ms, p99 $p99 ms, CPU $cpu ms/req, non-2xx $non2xx, stolen $steal %"
  done
done
# The host's speed moves between rounds (nginx itself by a quarter and more): each target against
# nginx of the same round.
echo "x nginx per round:"
for t in "${TARGETS[@]}"; do
  echo "  $t: $(awk -v t="$t" -F'\t' '$1 == "nginx" { n[$2] = $3 } $1 == t { r[$2] = $3 }
    END { for (i = 1; i in r; i++) printf "%s%.3f", (i > 1 ? " / " : ""), r[i] / n[i] }' "$W/peak.tsv")"
done

declare -A RPS CPU P50 P99
for t in "${TARGETS[@]}"; do
  RPS[$t]=$(awk -v t="$t" '$1 == t { print $3 }' "$W/peak.tsv" | median)
  P50[$t]=$(awk -v t="$t" '$1 == t { print $4 }' "$W/peak.tsv" | median)
  P99[$t]=$(awk -v t="$t" '$1 == t { print $5 }' "$W/peak.tsv" | median)
  CPU[$t]=$(awk -v t="$t" '$1 == t { print $6 }' "$W/peak.tsv" | median)
done

half() { # $1 target, $2 rate (req/s): "p50 p99" in ms, from wrk with a fixed pause per connection
  local pause=$(( CONNECTIONS * 1000 / $2 ))
  [ "$pause" -ge 1 ] || pause=1
  sed "s|^-- pause$|function delay() return $pause end|" "$W/post.lua" > "$W/paced.lua"
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -s "$W/paced.lua" "$(url "$1")" > "$W/half-$1-$2.txt"
  printf '%s %s\n' "$(ms "$(awk '$1 == "50%" { print $2 }' "$W/half-$1-$2.txt")")" \
    "$(ms "$(awk '$1 == "99%" { print $2 }' "$W/half-$1-$2.txt")")"
}
declare -A HALF
for t in "${TARGETS[@]}"; do
  rate=$(awk -v r="${RPS[$t]}" 'BEGIN { printf "%d", r / 2 }')
  quiet "$t at half load"
  read -r h50 h99 < <(half "$t" "$rate")
  quiet "backend at $rate req/s"
  read -r b50 b99 < <(half backend "$rate")
  HALF[$t]="$rate $h50 $h99 $b50 $b99"
done
echo
echo "| target | req/s (median of $ROUNDS) | x nginx | p50 ms | p99 ms | CPU ms/req | half load req/s | p50 / p99 ms at half load | added p50 / p99 ms |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for t in "${TARGETS[@]}"; do
  read -r rate h50 h99 b50 b99 <<< "${HALF[$t]}"
  ratio=$(awk -v a="${RPS[$t]}" -v b="${RPS[nginx]}" 'BEGIN { printf "%.3f", a / b }')
  added=$(awk -v a="$h50" -v b="$b50" -v c="$h99" -v d="$b99" 'BEGIN { printf "%+.2f / %+.2f", a - b, c - d }')
  echo "| $t | ${RPS[$t]} | $ratio | ${P50[$t]} | ${P99[$t]} | ${CPU[$t]} | $rate | $h50 / $h99 | $added |"
done
echo
echo "raw wrk output: $W"
trap - EXIT
cleanup
