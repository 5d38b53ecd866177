# Sourced by the bench/run-*.sh scripts: a work directory under /tmp named after $1, the processes
# in PIDS stopped on exit, JAVA from a JDK 21+ found as ./sightline finds it, a fresh build, and
# BCP, the class path of the load generators; metric NAME sums a self-metric of the Sightline on 8080.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d "/tmp/$1.XXXXXX")"
PIDS=()
trap 'for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT

source <(sed -n '/^java_major()/,/^}/p;/^find_jdk()/,/^}/p' "$ROOT/sightline")
find_jdk
JAVA="$JAVA_HOME/bin/java"
cd "$ROOT"
./sightline build -q >/dev/null
BCP="bench/target/sightline-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
metric() { curl -s http://127.0.0.1:8080/metrics | awk -v m="$1" 'index($0, m) == 1 {s += $NF} END {print s + 0}'; }
