#!/usr/bin/env bash
# Runs the benchmarks of docs/benchmarks.md on this machine: Sightline (OTLP gRPC and HTTP; traces,
# logs, metrics), bytes on disk, query latency with 10 million spans stored, and the same span load
# against the Zipkin server. Loopback only; every process it starts is stopped on exit.
#   bench/run-benchmarks.sh [seconds per run, default 30] [spans for the query test, default 10000000]
set -euo pipefail
SECONDS_PER_RUN="${1:-30}"
QUERY_SPANS="${2:-10000000}"
source "$(dirname "${BASH_SOURCE[0]}")/prelude.sh" sightline-bench
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
[ -f bench/target/peers/zipkin-server-3.6.1-exec.jar ] || ./mvnw -B -q dependency:copy \
  -Dartifact=io.zipkin:zipkin-server:3.6.1:jar:exec -DoutputDirectory=bench/target/peers
load() { "$JAVA" -cp "$BCP" dev.sightline.bench.LoadGenerator "$@" | grep -E '^(RESULT|traces|logs|metrics)'; }

start_sightline() { # $1: data dir
  "$JAVA" --enable-native-access=ALL-UNNAMED -jar server/target/sightline-server.jar --data.dir="$1" \
    --listen.address=127.0.0.1 > "$1.log" 2>&1 &
  SIGHTLINE=$!; PIDS+=("$SIGHTLINE")
  for _ in $(seq 1 120); do curl -sf http://127.0.0.1:8080/ready >/dev/null && return; sleep 0.5; done
  echo "Sightline did not start; see $1.log" >&2; exit 1
}
stop_sightline() { kill "$SIGHTLINE"; wait "$SIGHTLINE" 2>/dev/null || true; }

drain() { # waits until everything accepted is stored; prints seconds waited
  local t0; t0=$(date +%s.%N)
  until curl -s http://127.0.0.1:8080/metrics | grep -q '^sightline_pipeline_lag_entries 0$'; do sleep 0.5; done
  echo "$(date +%s.%N) - $t0" | bc
}

run_sightline() { # $1 target, $2 signal, $3 batch
  local dir="$WORK/$1-$2"
  start_sightline "$dir"
  local t0; t0=$(date +%s.%N)
  load --target="$1" --signal="$2" --batch="$3" --duration="${SECONDS_PER_RUN}s" --concurrency=8
  local waited; waited=$(drain)
  local total; total=$(echo "$(date +%s.%N) - $t0" | bc)
  local written; written=$(metric 'sightline_items_written_total')
  stop_sightline
  local bytes; bytes=$(du -sb "$dir/store" | cut -f1)
  printf 'SIGHTLINE %s %s: written %d items in %.1f s (%.0f/s, drained %.1f s after the load), %.1f bytes on disk per item\n' \
    "$1" "$2" "$written" "$total" "$(echo "$written / $total" | bc -l)" "$waited" "$(echo "$bytes / $written" | bc -l)"
}

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(date -u +%FT%TZ), $("$JAVA" -version 2>&1 | head -1)"
run_sightline grpc traces 500
run_sightline http traces 500
run_sightline grpc logs 1000
run_sightline grpc metrics 1000

echo "== Zipkin 3.6.1 (in-memory storage), same span load"
"$JAVA" -Xmx4g -jar bench/target/peers/zipkin-server-3.6.1-exec.jar --server.address=127.0.0.1 \
  --logging.level.root=WARN > "$WORK/zipkin.log" 2>&1 &
ZIPKIN=$!; PIDS+=("$ZIPKIN")
for _ in $(seq 1 120); do curl -sf http://127.0.0.1:9411/health >/dev/null && break; sleep 0.5; done
load --target=zipkin --signal=traces --batch=500 --duration="${SECONDS_PER_RUN}s" --concurrency=8
kill "$ZIPKIN"; wait "$ZIPKIN" 2>/dev/null || true

echo "== queries with $QUERY_SPANS spans stored"
start_sightline "$WORK/query"
load --target=grpc --signal=traces --batch=500 --duration=30m --concurrency=8 --total="$QUERY_SPANS" >/dev/null
drain >/dev/null
echo "stored: $(metric 'sightline_items_written_total') spans"
timing() { for _ in $(seq 1 11); do curl -s -o /dev/null -w '%{time_total}\n' "$1"; done | tail -10 | sort -n |
  awk '{a[NR] = $1} END {printf "median %.1f ms, max %.1f ms\n", (a[5] + a[6]) * 500, a[NR] * 1000}'; }
ids=$(curl -s 'http://127.0.0.1:8080/api/v1/traces?service=checkout&lookback=2h&limit=3' |
  "$JAVA" -cp "$BCP" dev.sightline.bench.TraceIds)
for id in $ids; do echo "trace by id $id: $(timing "http://127.0.0.1:8080/api/v1/traces/$id")"; done
echo "error traces of one service in the last hour: $(timing 'http://127.0.0.1:8080/api/v1/traces?service=checkout&errors=true&lookback=1h')"
echo "traces of one service in the last hour: $(timing 'http://127.0.0.1:8080/api/v1/traces?service=checkout&lookback=1h')"
echo "attribute search http.response.status_code=500, last hour: $(timing 'http://127.0.0.1:8080/api/v1/traces?attr=http.response.status_code%3D500&lookback=1h')"
stop_sightline
echo "bytes on disk per span: $(echo "$(du -sb "$WORK/query/store" | cut -f1) / $QUERY_SPANS" | bc -l | cut -c1-5)"
rm -rf "$WORK"
