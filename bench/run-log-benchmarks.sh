#!/usr/bin/env bash
# Log records/s by protocol on this machine, for docs/benchmarks.md: OTLP/gRPC (the load
# generator), syslog over TCP (RFC 5424, octet-counted) and Fluent Forward (PackedForward with
# acks), each against a fresh Sightline with the default pipeline. Loopback only; every process it
# starts is stopped on exit.
#   bench/run-log-benchmarks.sh [seconds per run, default 30]
set -euo pipefail
SECONDS_PER_RUN="${1:-30}"
source "$(dirname "${BASH_SOURCE[0]}")/prelude.sh" sightline-log-bench

start_sightline() { # $1: data dir
  "$JAVA" --enable-native-access=ALL-UNNAMED -jar server/target/sightline-server.jar --data.dir="$1" \
    --listen.address=127.0.0.1 --syslog.enabled=true --fluent.enabled=true > "$1.log" 2>&1 &
  SIGHTLINE=$!; PIDS+=("$SIGHTLINE")
  for _ in $(seq 1 120); do curl -sf http://127.0.0.1:8080/ready >/dev/null && return; sleep 0.5; done
  echo "Sightline did not start; see $1.log" >&2; exit 1
}

drain() { # waits until what arrived is stored: no pipeline lag and no change in written items for 2 s
  local last=-1 now
  while true; do
    now=$(metric 'sightline_items_written_total')
    if [ "$now" = "$last" ] && curl -s http://127.0.0.1:8080/metrics | grep -q '^sightline_pipeline_lag_entries 0$'; then
      return
    fi
    last=$now; sleep 2
  done
}

run() { # $1: name, then the load command
  local name=$1; shift
  local dir="$WORK/$name"
  start_sightline "$dir"
  local t0; t0=$(date +%s.%N)
  "$@" | grep '^RESULT'
  local loaded; loaded=$(echo "$(date +%s.%N) - $t0" | bc)
  drain
  local total; total=$(echo "$(date +%s.%N) - $t0 - 2" | bc)
  local written; written=$(metric 'sightline_items_written_total')
  kill "$SIGHTLINE"; wait "$SIGHTLINE" 2>/dev/null || true
  printf 'SIGHTLINE %s: load %.1f s; written %d records in %.1f s (%.0f/s end to end); %.1f bytes on disk per record\n' \
    "$name" "$loaded" "$written" "$total" "$(echo "$written / $total" | bc -l)" \
    "$(echo "$(du -sb "$dir/store" | cut -f1) / $written" | bc -l)"
}

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(date -u +%FT%TZ), $("$JAVA" -version 2>&1 | head -1)"
run otlp-grpc "$JAVA" -cp "$BCP" dev.sightline.bench.LoadGenerator --target=grpc --signal=logs --batch=500 \
  --duration="${SECONDS_PER_RUN}s" --concurrency=8
run syslog-tcp "$JAVA" -cp "$BCP" dev.sightline.bench.LogShipperLoad --protocol=syslog --endpoint=127.0.0.1:5514 \
  --seconds="$SECONDS_PER_RUN" --connections=4 --batch=500
run fluent-forward "$JAVA" -cp "$BCP" dev.sightline.bench.LogShipperLoad --protocol=fluent --endpoint=127.0.0.1:24224 \
  --seconds="$SECONDS_PER_RUN" --connections=4 --batch=500
