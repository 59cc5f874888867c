#!/usr/bin/env bash
# Daemon benchmark: full cycles of examples/binwatch.yml (every SQL collector of
# examples/collectors, the statistics analyses, the putaway probe, the graphql-api scrape
# job (pointed at a local node_exporter), the rules/ set, the health checks, textfile and
# SQLite state written every cycle, and the alerting: pipeline delivering to a local
# receiver) against the example warehouse in a throwaway PostgreSQL.
# usage (from anywhere, by hand): Benchmarks/daemon/run.sh [CYCLES [RECOMMENDATIONS [BINS]]]
# defaults: 1000 cycles, 100k recommendations, 10k bins (issue 9's benchmark).
# BINWATCH_BENCH_JSON=/path/file.json also writes the figures as JSON (docs/PERFORMANCE.md);
# BINWATCH_BENCH_WRAP="heaptrack -o FILE" runs binwatch under a memory profiler.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cycles=${1:-1000}; recommendations=${2:-100000}; bins=${3:-10000}
TMP=$(mktemp -d /tmp/binwatch-bench-daemon.XXXXXX)
source "$root/scripts/lib/throwaway-pg.sh"
NODE_EXPORTER_PID= RECEIVER_PID=
cleanup() {
    [[ -n $NODE_EXPORTER_PID ]] && kill "$NODE_EXPORTER_PID" 2>/dev/null
    [[ -n $RECEIVER_PID ]] && kill "$RECEIVER_PID" 2>/dev/null
    pg_stop "$TMP"; rm -rf "$TMP"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

swift build -c release --product binwatch --package-path "$root" >/dev/null 2>&1 \
    || swift build -c release --product binwatch --package-path "$root"
binwatch="$root/.build/release/binwatch"

pg_start "$TMP"
start=$SECONDS
load_warehouse wms 0.42 "$recommendations" "$bins"
echo "warehouse: $("${PSQL[@]}" -d wms -At -c "SELECT count(*) FROM putaway_recommendations") recommendations, $("${PSQL[@]}" -d wms -At -c "SELECT count(*) FROM storage_locations") bins, loaded in $((SECONDS - start))s"

# The scrape target: a real node_exporter with its default collectors (a page of about a
# thousand series), standing in for the GraphQL API's /metrics.
NE_PORT=$(free_port)
prometheus-node-exporter --web.listen-address="127.0.0.1:$NE_PORT" >"$TMP/node_exporter.log" 2>&1 &
NODE_EXPORTER_PID=$!
# The receivers: scripts/lib/receiver.py answers Slack and PagerDuty with 200.
NOTIFY_PORT=$(free_port)
python3 -u "$root/scripts/lib/receiver.py" "$NOTIFY_PORT" --out "$TMP/notifications.log" >/dev/null 2>&1 &
RECEIVER_PID=$!
for _ in $(seq 50); do
    curl -sf "http://127.0.0.1:$NE_PORT/metrics" >/dev/null && curl -s -o /dev/null -X POST "http://127.0.0.1:$NOTIFY_PORT/ping" -d '{}' && break
    sleep 0.2
done
: >"$TMP/notifications.log"
echo "scrape target: node_exporter with $(curl -s "http://127.0.0.1:$NE_PORT/metrics" | grep -vc '^#') series"

python3 "$root/scripts/lib/example-config.py" "$root" "$TMP" --no-web \
    --notify-port "$NOTIFY_PORT" --scrape-target "127.0.0.1:$NE_PORT"
# The route's group_wait/group_interval stay as in examples/binwatch.yml (30s/5m): the
# benchmark steps evaluation time by 30s a cycle, so they pass as in production.
sed -i 's/group_wait: 1s/group_wait: 30s/; s/group_interval: 4s/group_interval: 5m/' "$TMP/binwatch.yml"
export BINWATCH_PG_DSN="host=$TMP port=5432 user=postgres dbname=wms"
export BINWATCH_SLACK_WEBHOOK_URL="http://127.0.0.1:$NOTIFY_PORT/slack" BINWATCH_PAGERDUTY_ROUTING_KEY=bench-key
"$binwatch" check config "$TMP/binwatch.yml" >/dev/null

# BINWATCH_BENCH_WRAP="heaptrack -o FILE" (or valgrind --tool=massif ...) runs binwatch
# under a memory profiler instead of time(1).
${BINWATCH_BENCH_WRAP:-/usr/bin/time -v} "$binwatch" debug daemon-bench --config "$TMP/binwatch.yml" --cycles "$cycles" --notify \
    --rss-every $(( cycles >= 1000 ? cycles / 10 : 100 )) --json "$TMP/figures.json" \
    2>"$TMP/time.txt" | tee "$TMP/bench.txt"
# The same cycles with the series WAL off (issue 15: p95 with it on within +10 % of off), on a
# fresh state file so both runs start alike.
rm -rf "$TMP/wal" "$TMP"/state.sqlite*
"$binwatch" debug daemon-bench --config "$TMP/binwatch.yml" --cycles "$cycles" --notify --no-history \
    --json "$TMP/figures-no-wal.json" 2>/dev/null | sed -n '1s/^/WAL off: /p'
awk -F': ' '/Maximum resident set size/ {printf "peak RSS (time -v): %.1f MiB\n", $2 / 1024}
            /Elapsed \(wall clock\)/ {print "wall: " $2}
            /User time/ {print "user: " $2 "s"} /System time/ {print "sys: " $2 "s"}' "$TMP/time.txt"
echo "notifications received: $(grep -c . "$TMP/notifications.log" || true) ($(cut -d' ' -f1 "$TMP/notifications.log" | sort | uniq -c | tr '\n' ' '))"
# Sources that hit source_timeout during the run, and the sources' times, from the last textfile.
grep -E '^binwatch_(source_timeouts_total|source_duration_seconds|cycles_slow_total)' "$TMP/binwatch.prom" || true

if [[ -n ${BINWATCH_BENCH_JSON:-} ]]; then
    python3 - "$TMP/figures.json" "$BINWATCH_BENCH_JSON" "$cycles" "$recommendations" "$bins" <<'PY'
import json, sys
figures = json.load(open(sys.argv[1]))
off = json.load(open(sys.argv[1].replace("figures.json", "figures-no-wal.json")))
cycles, recs, bins = sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
setup = (f"{cycles} full cycles, example warehouse {recs // 1000}k recommendations / {bins // 1000}k bins, "
         "rules/, statistics, putaway probe, scrape, notifications on")
def row(name, value, unit, note):
    return {"name": name, "binwatch": round(value, 1), "anchor": None, "anchor_name": None, "unit": unit,
            "note": f"{setup}; {note}"}
rows = [
    row("daemon cycle p50", figures["p50_ms"], "ms", "no anchor runs this workload"),
    row("daemon cycle p95", figures["p95_ms"], "ms", "target < 250 ms (issue 9)"),
    row("daemon cycle p95, series WAL off", off["p95_ms"], "ms", "the same cycles without the WAL (issue 15)"),
    {"name": "daemon cycle p95, WAL on / off", "binwatch": round(figures["p95_ms"] / off["p95_ms"], 3), "anchor": None,
     "anchor_name": None, "unit": "ratio", "note": f"{setup}; target <= 1.10 (issue 15)"},
    row("daemon cycle max", figures["max_ms"], "ms", "wall time, mostly PostgreSQL's"),
    row("daemon RSS after warm-up", figures["rss_start_mib"], "MiB", "VmRSS after 5 warm-up cycles"),
    row("daemon RSS at the end", figures["rss_end_mib"], "MiB", "target flat (issue 9)"),
    row("daemon peak RSS", figures["rss_peak_mib"], "MiB", "VmHWM; target < 64 MiB (issue 9)"),
]
json.dump({"area": "daemon", "rows": rows}, open(sys.argv[2], "w"), indent=2)
print(f"figures written to {sys.argv[2]}")
PY
fi
