#!/usr/bin/env bash
# Query-API benchmark (issue 16): the daemon on examples/binwatch.yml against the example
# warehouse (throwaway PostgreSQL, 2 s cycles), its cycle p95 idle and while 20 clients send
# instant queries (rounds of 1,000: the rules' expressions at one fixed time), and the same
# 1,000 queries per second beside Prometheus 2.42 serving them over the same data (binwatch's
# store exported through its own query_range and backfilled with promtool).
# usage (by hand): Benchmarks/http/run.sh [QUERIES [CLIENTS [RECOMMENDATIONS [BINS]]]]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
queries=${1:-1000}; clients=${2:-20}; recommendations=${3:-20000}; bins=${4:-2000}
TMP=$(mktemp -d /tmp/binwatch-bench-http.XXXXXX)
source "$root/scripts/lib/throwaway-pg.sh"
BINWATCH_PID= PROM_PID= RECEIVER_PID=
cleanup() {
    [[ -n $RECEIVER_PID ]] && kill "$RECEIVER_PID" 2>/dev/null
    [[ -n $BINWATCH_PID ]] && kill "$BINWATCH_PID" 2>/dev/null && wait "$BINWATCH_PID" 2>/dev/null
    [[ -n $PROM_PID ]] && kill "$PROM_PID" 2>/dev/null
    pg_stop "$TMP"; rm -rf "$TMP"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
load="python3 $root/Benchmarks/http/load.py"

# BINWATCH_BIN=PATH: an already built release binary (e.g. from another scratch path).
if [[ -n ${BINWATCH_BIN:-} ]]; then
    binwatch=$BINWATCH_BIN
else
    swift build -c release --product binwatch --package-path "$root" >/dev/null 2>&1 \
        || swift build -c release --product binwatch --package-path "$root"
    binwatch="$root/.build/release/binwatch"
fi

pg_start "$TMP"
load_warehouse wms 0.42 "$recommendations" "$bins"
PORT=$(free_port)
# The receivers: scripts/lib/receiver.py answers Slack and PagerDuty locally (no network).
NOTIFY_PORT=$(free_port)
python3 -u "$root/scripts/lib/receiver.py" "$NOTIFY_PORT" --out "$TMP/notifications.log" >/dev/null 2>&1 &
RECEIVER_PID=$!
python3 "$root/scripts/lib/example-config.py" "$root" "$TMP" --interval 2s --port "$PORT" --notify-port "$NOTIFY_PORT"
export BINWATCH_PG_DSN="host=$TMP port=5432 user=postgres dbname=wms"
export BINWATCH_SLACK_WEBHOOK_URL="http://127.0.0.1:$NOTIFY_PORT/slack" BINWATCH_PAGERDUTY_ROUTING_KEY=bench-key
"$binwatch" run --config "$TMP/binwatch.yml" >"$TMP/binwatch.log" 2>&1 &
BINWATCH_PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 600); do curl -sf "$BASE/-/ready" >/dev/null && break; sleep 0.2; done
# Let the store fill for a while (rules with ranges need history), then measure idle.
sleep "${WARMUP:-60}"
$load cycles "$BASE" "${IDLE_SECONDS:-60}" "$TMP/idle.json"

# The queries: every rule expression of rules/, at the time of the last cycle.
python3 - "$root" >"$TMP/queries.txt" <<'PY'
import glob, sys, yaml
for f in sorted(glob.glob(sys.argv[1] + "/rules/*.yml")):
    for g in (yaml.safe_load(open(f)) or {}).get("groups", []):
        for r in g.get("rules", []):
            print(" ".join(str(r["expr"]).split()))
PY
AT=$(curl -s "$BASE/api/v1/query?query=time()" | python3 -c 'import json,sys; print(int(float(json.load(sys.stdin)["data"]["result"][0])))')
$load loaded-cycles "$BASE" "$TMP/queries.txt" "$AT" "$queries" "$clients" "${LOADED_CYCLES:-30}" "$TMP/loaded.json"

# Prometheus 2.42 over the same data: binwatch's store exported at its 2 s cadence.
series=$($load export "$BASE" "$((AT - 3000))" "$AT" 2 "$TMP/store.om")
kill "$BINWATCH_PID"; wait "$BINWATCH_PID" 2>/dev/null || true; BINWATCH_PID=
mkdir -p "$TMP/prom-data"
promtool tsdb create-blocks-from openmetrics "$TMP/store.om" "$TMP/prom-data" >/dev/null
printf 'global: {}\n' >"$TMP/prometheus.yml"
PROM_PORT=$(free_port)
prometheus --config.file="$TMP/prometheus.yml" --storage.tsdb.path="$TMP/prom-data" \
    --web.listen-address="127.0.0.1:$PROM_PORT" >"$TMP/prometheus.log" 2>&1 &
PROM_PID=$!
for _ in $(seq 600); do curl -sf "http://127.0.0.1:$PROM_PORT/-/ready" >/dev/null && break; sleep 0.2; done
prom=$($load queries "http://127.0.0.1:$PROM_PORT" "$TMP/queries.txt" "$AT" "$queries" "$clients")
python3 - "$TMP/idle.json" "$TMP/loaded.json" "$prom" "$series" "$queries" "$clients" <<'PY'
import json, sys
idle = json.load(open(sys.argv[1])); loaded = json.load(open(sys.argv[2])); prom = json.loads(sys.argv[3])
first = loaded["rounds"][0]
print(f"store: {sys.argv[4]} series exported; {sys.argv[5]} instant queries per round from {sys.argv[6]} clients")
print(f"cycle p95 idle:   {idle['p95']*1000:.1f} ms over {idle['cycles']} cycles")
print(f"cycle p95 loaded: {loaded['p95']*1000:.1f} ms over {loaded['cycles']} cycles "
      f"({len(loaded['rounds'])} rounds of queries); ratio {loaded['p95']/idle['p95']:.2f}x (target <= 1.10x)")
print(f"binwatch: {first['qps']:.0f} queries/s (first round, cycles running), statuses {first['statuses']}")
print(f"prometheus 2.42: {prom['qps']:.0f} queries/s, statuses {prom['statuses']}")
print(f"binwatch / prometheus queries/s: {first['qps']/prom['qps']:.2f}x")
PY
