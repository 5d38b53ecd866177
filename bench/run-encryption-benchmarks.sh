#!/usr/bin/env bash
# The cost of encryption at rest: the same OTLP/HTTP span load against Sightline with encryption
# off and on (ingest log and store encrypted), alternating, RUNS times each. Ports 18080/14318 on
# loopback; every process it starts is stopped on exit. Builds with 'package' only.
#   bench/run-encryption-benchmarks.sh [seconds per run, default 20] [runs each, default 2]
set -euo pipefail
SECONDS_PER_RUN="${1:-20}"
RUNS="${2:-2}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d /tmp/sightline-enc-bench.XXXXXX)"
PIDS=()
trap 'for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT
cd "$ROOT"
JAVA="${JAVA_HOME:?set JAVA_HOME to a JDK 21+}/bin/java"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
./mvnw -q -B -o -DskipTests package -pl server,bench -am >/dev/null
BCP="bench/target/sightline-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
API=http://127.0.0.1:18080
metric() { curl -s "$API/metrics" | awk -v m="$1" 'index($0, m) == 1 {s += $NF} END {print s + 0}'; }
openssl rand -base64 32 | sed 's/^/bench:/' > "$WORK/master.keys"
chmod 600 "$WORK/master.keys"

run() { # $1: off|on
  local dir="$WORK/$1-$RANDOM" flags=()
  [ "$1" = on ] && flags=(--encryption.enabled=true --encryption.master.key.file="$WORK/master.keys"
    --encryption.store.unsafe.builtin.crypto=true)
  "$JAVA" --enable-native-access=ALL-UNNAMED -jar server/target/sightline-server.jar --data.dir="$dir" \
    --listen.address=127.0.0.1 --http.port=18080 --otlp.http.port=14318 --otlp.grpc.port=14317 "${flags[@]}" > "$dir.log" 2>&1 &
  local pid=$!; PIDS+=("$pid")
  for _ in $(seq 1 120); do curl -sf "$API/ready" >/dev/null && break; sleep 0.5; done
  local t0; t0=$(date +%s.%N)
  local accepted; accepted=$("$JAVA" -cp "$BCP" dev.sightline.bench.LoadGenerator --target=http --endpoint=127.0.0.1:14318 \
    --signal=traces --batch=500 --duration="${SECONDS_PER_RUN}s" --concurrency=8 2>/dev/null | grep -E '^(RESULT|traces)' | tr '\n' ' ')
  # no grep -q: with pipefail, curl cut off by grep's early exit would fail the check forever
  until curl -s "$API/metrics" | grep '^sightline_pipeline_lag_entries 0$' >/dev/null; do
    if grep -q 'storage pipeline stopped' "$dir.log"; then
      echo "encryption $1: the storage pipeline stopped (see below); run left out"; grep -A2 'storage pipeline stopped' "$dir.log"
      kill "$pid"; wait "$pid" 2>/dev/null || true; return
    fi
    sleep 0.5
  done
  local total; total=$(echo "$(date +%s.%N) - $t0" | bc)
  local written; written=$(metric 'sightline_items_written_total')
  kill "$pid"; wait "$pid" 2>/dev/null || true
  printf 'encryption %s: %s| written %d spans in %.1f s = %.0f spans/s end to end; store %s bytes, log dir %s bytes\n' "$1" "$accepted" \
    "$written" "$total" "$(echo "$written / $total" | bc -l)" "$(du -sb "$dir/store" | cut -f1)" "$(du -sb "$dir/ingest-log" | cut -f1)"
}

echo "== machine: $(nproc) cores, $(date -u +%FT%TZ), $("$JAVA" -version 2>&1 | head -1)"
for _ in $(seq 1 "$RUNS"); do run off; run on; done
