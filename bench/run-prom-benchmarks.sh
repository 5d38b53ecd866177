#!/usr/bin/env bash
# The metrics benchmark of docs/benchmarks.md: the same remote-write load (SERIES series at a 15 s
# interval over HOURS hours, in time order) into Prometheus, VictoriaMetrics and Sightline, one
# after the other on this machine; then samples/s, bytes per sample on disk and the latency of a
# dashboard's range queries. Needs Debian's prometheus and victoria-metrics. Loopback only; every
# process it starts is stopped on exit.
#   bench/run-prom-benchmarks.sh [series, default 10000] [hours, default 24]
set -euo pipefail
SERIES="${1:-10000}"
HOURS="${2:-24}"
source "$(dirname "${BASH_SOURCE[0]}")/prelude.sh" sightline-prom-bench
bench() { "$JAVA" -cp "$BCP" dev.sightline.bench.PromBench "$@" 2>/dev/null | grep '^RESULT'; }
wait_http() { for _ in $(seq 1 120); do curl -sf "$1" >/dev/null && return; sleep 0.5; done; echo "$1 did not come up" >&2; exit 1; }
END=$(( $(date +%s) / 60 * 60000 - 60000 ))
SAMPLES=$(( SERIES * HOURS * 240 ))

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(date -u +%FT%TZ); $SERIES series x $HOURS h at 15 s = $SAMPLES samples"

echo "== Prometheus $(prometheus --version 2>&1 | head -1 | awk '{print $3}')"
prometheus --config.file=/dev/null --storage.tsdb.path="$WORK/prometheus" --web.listen-address=127.0.0.1:19090 \
  --web.enable-remote-write-receiver --storage.tsdb.retention.time=30d > "$WORK/prometheus.log" 2>&1 &
PROM=$!; PIDS+=("$PROM")
wait_http http://127.0.0.1:19090/-/ready
bench write --url=http://127.0.0.1:19090/api/v1/write --series="$SERIES" --hours="$HOURS" --end="$END"
printf 'RESULT bytes per sample on disk %.2f\n' "$(echo "$(du -sb "$WORK/prometheus" | cut -f1) / $SAMPLES" | bc -l)"
bench query --url=http://127.0.0.1:19090 --end="$END"
kill "$PROM"; wait "$PROM" 2>/dev/null || true

echo "== VictoriaMetrics $(dpkg-query -W -f='${Version}' victoria-metrics 2>/dev/null) (result cache off, as Prometheus and Sightline have none)"
victoria-metrics -storageDataPath="$WORK/victoria" -httpListenAddr=127.0.0.1:18428 -retentionPeriod=1y \
  -search.latencyOffset=0s -search.disableCache > "$WORK/victoria.log" 2>&1 &
VM=$!; PIDS+=("$VM")
wait_http http://127.0.0.1:18428/health
bench write --url=http://127.0.0.1:18428/api/v1/write --series="$SERIES" --hours="$HOURS" --end="$END"
curl -sf http://127.0.0.1:18428/internal/force_flush
sleep 5
printf 'RESULT bytes per sample on disk %.2f\n' "$(echo "$(du -sb "$WORK/victoria" | cut -f1) / $SAMPLES" | bc -l)"
bench query --url=http://127.0.0.1:18428 --end="$END"
kill "$VM"; wait "$VM" 2>/dev/null || true

echo "== Sightline $(git -C "$ROOT" rev-parse --short HEAD)"
"$JAVA" --enable-native-access=ALL-UNNAMED -jar server/target/sightline-server.jar --data.dir="$WORK/sightline" \
  --listen.address=127.0.0.1 > "$WORK/sightline.log" 2>&1 &
SL=$!; PIDS+=("$SL")
wait_http http://127.0.0.1:8080/ready
t0=$(date +%s.%N)
bench write --url=http://127.0.0.1:8080/api/v1/write --series="$SERIES" --hours="$HOURS" --end="$END"
until curl -s http://127.0.0.1:8080/metrics | grep -q '^sightline_pipeline_lag_entries 0$'; do sleep 0.5; done
printf 'RESULT stored (queryable) %.0f samples/s\n' "$(echo "$SAMPLES / ($(date +%s.%N) - $t0)" | bc -l)"
merged() { curl -s http://127.0.0.1:8080/metrics | awk '/^sightline_metric_samples\{outcome="chunks_merged"\}/ {print $NF}'; }
t1=$(date +%s); before=-1; now=$(merged) # the compactor merges in passes every 30 s; wait until it has nothing left
while [ "$now" != "$before" ] && [ $(( $(date +%s) - t1 )) -lt 900 ]; do before=$now; sleep 35; now=$(merged); done
echo "RESULT compaction settled after $(( $(date +%s) - t1 )) s ($now chunks merged)"
bench query --url=http://127.0.0.1:8080 --end="$END"
kill "$SL"; wait "$SL" 2>/dev/null || true
printf 'RESULT bytes per sample on disk %.2f (store after shutdown)\n' "$(echo "$(du -sb "$WORK/sightline/store" | cut -f1) / $SAMPLES" | bc -l)"
