#!/usr/bin/env bash
# The README's main job: binwatch runs examples/binwatch.yml against a throwaway PostgreSQL
# holding the example warehouse; a fault is injected (one facility's bin utilization
# cache stops refreshing) and the cache alerts go pending -> firing -> resolved, seen
# through /api/v1/alerts, the notifications a local Slack/PagerDuty stand-in receives,
# the textfile, the health JSON and `binwatch health`.
#
# To fit in about a minute the demo runs the example config with a 2s evaluation interval
# and the rules of rules/ with every `for:` divided by 30 (5m -> 10s), and the route's
# group_wait/group_interval at 1s/4s; nothing else is changed. Everything started here is private (unix socket, loopback) and removed on exit
# (KEEP=1 keeps the temp folder).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# All set-up first (Debian packages, build), so this is the one command a newcomer runs.
scripts/setup.sh >/dev/null
BINWATCH=$(swift build --show-bin-path)/binwatch

TMP=$(mktemp -d /tmp/binwatch-demo-daemon.XXXXXX)
source scripts/lib/throwaway-pg.sh
BINWATCH_PID=
RECEIVER_PID=
NODE_EXPORTER_PID=
API_EXPORTER_PID=
cleanup() {
    [[ -n $NODE_EXPORTER_PID ]] && kill "$NODE_EXPORTER_PID" 2>/dev/null
    [[ -n $API_EXPORTER_PID ]] && kill "$API_EXPORTER_PID" 2>/dev/null
    [[ -n $BINWATCH_PID ]] && kill "$BINWATCH_PID" 2>/dev/null && wait "$BINWATCH_PID" 2>/dev/null
    [[ -n $RECEIVER_PID ]] && kill "$RECEIVER_PID" 2>/dev/null
    pg_stop "$TMP"
    [[ -n ${KEEP:-} ]] || rm -rf "$TMP"
}
trap cleanup EXIT
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
started=$SECONDS

step "1. A throwaway PostgreSQL with the example warehouse (10k recommendations, 1k bins)"
pg_start "$TMP"
load_warehouse wms 0.42 10000 1000
# The generator leaves FAC-03's cache 40 minutes old; the refresh job catches up first, so
# the demo starts from fresh caches and the fault below is the only one.
refresh() {  # refresh FACILITY_CONDITION: what the refresh job writes after a successful run
    "${PSQL[@]}" -d wms -c "INSERT INTO cache_refresh_status
        (refresh_id, cache_name, facility_id, refreshed_at, duration_seconds, success)
        SELECT (SELECT max(refresh_id) FROM cache_refresh_status) + row_number() OVER (ORDER BY facility_id),
               'bin_utilization_cache', facility_id, now(), 1.5, true FROM facilities WHERE $1"
}
refresh true

step "2. The demo config: examples/binwatch.yml with a 2s interval, paths in $TMP, rules with for/30"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
NOTIFY_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# The example warehouse has no GraphQL API: its scrape job (graphql-api) reads a real
# node_exporter's page instead (a few host collectors), so the scrape path runs for real.
API_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
prometheus-node-exporter --collector.disable-defaults --collector.loadavg --collector.meminfo \
    --web.listen-address="127.0.0.1:$API_PORT" >"$TMP/api_exporter.log" 2>&1 &
API_EXPORTER_PID=$!
python3 scripts/lib/example-config.py "$ROOT" "$TMP" --interval 2s --port "$PORT" --scale-for 30 \
    --notify-port "$NOTIFY_PORT" --scrape-target "127.0.0.1:$API_PORT"
export BINWATCH_PG_DSN="host=$TMP port=5432 user=postgres dbname=wms"
# A local stand-in for Slack and PagerDuty that logs every request (scripts/lib/receiver.py).
export BINWATCH_SLACK_WEBHOOK_URL="http://127.0.0.1:$NOTIFY_PORT/slack" BINWATCH_PAGERDUTY_ROUTING_KEY=demo-routing-key
python3 -u scripts/lib/receiver.py "$NOTIFY_PORT" --out "$TMP/notifications.log" >/dev/null 2>&1 &
RECEIVER_PID=$!
touch "$TMP/notifications.log"
"$BINWATCH" check config "$TMP/binwatch.yml"

API="http://127.0.0.1:$PORT"
# alerts NAME...: the pending/firing cache alerts as "alertname{facility} state".
alerts() {
    curl -sf "$API/api/v1/alerts" | jq -r '.data.alerts[]
        | select(.labels.alertname | startswith("BinUtilizationCache"))
        | "\(.labels.alertname){facility=\"\(.labels.facility)\"} \(.state) since \(.activeAt)"' | sort
}
# wait_for DESCRIPTION COMMAND...: polls (every 0.5s, up to 40s) until COMMAND succeeds.
wait_for() {
    local what=$1; shift
    for _ in $(seq 80); do "$@" >/dev/null 2>&1 && { echo "   ($what after $((SECONDS - started))s)"; return 0; }; sleep 0.5; done
    echo "timed out waiting for: $what" >&2; exit 1
}
stale_state() { alerts | grep -q "^BinUtilizationCacheStale{facility=\"FAC-02\"} $1"; }
no_stale() { ! alerts | grep -q '^BinUtilizationCacheStale{facility="FAC-02"}'; }

step "3. binwatch run --config $TMP/binwatch.yml (in the background)"
"$BINWATCH" run --config "$TMP/binwatch.yml" 2>"$TMP/binwatch.log" &
BINWATCH_PID=$!
wait_for "ready" curl -sf "$API/-/ready"
cache_age_is() { curl -s "$API/api/wms/optimization/health" | jq -e ".checks.cache_age.status == \"$1\""; }
wait_for "cache_age HEALTHY" cache_age_is HEALTHY
echo "health now:"
health_json() { curl -s "$API/api/wms/optimization/health"; }  # 503 when UNHEALTHY, as health-check.sh
health_json | jq -c '{status, checks: (.checks | map_values(.status))}' 
echo "(ml_model_accuracy is UNHEALTHY on purpose: the generator makes FAC-03's operators accept ~60%)"
# instant QUERY: one line per series, "labels value", through /api/v1/query.
instant() {
    curl -sf "$API/api/v1/query" --data-urlencode "query=$1" | jq -r '.data.result[]
        | "  \(.metric | to_entries | map("\(.key)=\"\(.value)\"") | join(",") | "{\(.)}") \(.value[1])"'
}
probe_ran() { curl -sf "$API/api/v1/query" --data-urlencode 'query=probe_success' | jq -e '.data.result | length > 0'; }
wait_for "putaway probe ran" probe_ran
echo "the putaway probe (FAC-01, HYBRID, 50 lines) and the scrape job:"
instant 'probe_success or putaway_probe_unplaced_items or putaway_probe_capacity_violations or up{job="graphql-api"}'

step "4. Fault: FAC-02's cache refresh stops (its last refresh is now 45 minutes old)"
"${PSQL[@]}" -d wms -c "UPDATE cache_refresh_status SET refreshed_at = refreshed_at - interval '45 minutes'
                         WHERE facility_id = 'FAC-02'"
wait_for "pending" stale_state pending
alerts
wait_for "firing" stale_state firing
alerts
echo "health:"
health_json | jq -c '.checks.cache_age'
# notified ACTION: PagerDuty got a trigger/resolve event for the stale cache of FAC-02 (the
# critical route; its warning twin BinUtilizationCacheDegraded is inhibited by it).
notified() {
    python3 - "$TMP/notifications.log" "$1" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    path, body = line.split(" ", 1)
    event = json.loads(body)
    if (path == "/pagerduty" and event.get("event_action") == sys.argv[2]
            and "BinUtilizationCacheStale" in body and "FAC-02" in body):
        sys.exit(0)
sys.exit(1)
PY
}
# notifications [FROM_LINE]: one line per request the receiver got.
notifications() {
    python3 - "$TMP/notifications.log" "${1:-1}" <<'PY'
import json, sys
for line in open(sys.argv[1]).readlines()[int(sys.argv[2]) - 1:]:
    path, body = line.split(" ", 1)
    event = json.loads(body)
    if path == "/pagerduty":
        print(f"  PagerDuty {event['event_action']:8} {event['payload']['summary']}")
    else:
        print(f"  Slack     {event['attachments'][0]['title']}")
PY
}
wait_for "paged" notified trigger
echo "notifications received (Slack: warnings, PagerDuty: critical):"
notifications
seen=$(wc -l < "$TMP/notifications.log")

step "5. The textfile ($TMP/binwatch.prom), as a real node_exporter serves it"
"$BINWATCH" check metrics --textfile "$TMP/binwatch.prom"
NE_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
prometheus-node-exporter --collector.disable-defaults --collector.textfile \
    --collector.textfile.directory="$TMP" --web.listen-address="127.0.0.1:$NE_PORT" \
    --web.disable-exporter-metrics >"$TMP/node_exporter.log" 2>&1 &
NODE_EXPORTER_PID=$!
wait_for "node_exporter up" curl -sf "http://127.0.0.1:$NE_PORT/metrics"
curl -s "http://127.0.0.1:$NE_PORT/metrics" \
    | grep -E '^(ALERTS|bin_optimization_health_status|bin_utilization_cache_age_seconds|pg_up|node_textfile_scrape_error)[{ ]'

step "6. The web UI at $API/ (open it in a browser; here its overview and firing alerts as text)"
curl -sf "$API/" | python3 scripts/lib/page-text.py 20
curl -sf "$API/alerts?state=firing" | python3 scripts/lib/page-text.py 10

step "7. Restart while the alert fires: SIGTERM, then binwatch again on the same state and history"
stale_since() {
    curl -s "$API/api/v1/alerts" | jq -r '.data.alerts[]
        | select(.labels.alertname == "BinUtilizationCacheStale" and .labels.facility == "FAC-02") | .activeAt'
}
# stale_pages: the notifications about FAC-02's stale cache so far.
stale_pages() { grep -c 'BinUtilizationCacheStale.*FAC-02\|FAC-02.*BinUtilizationCacheStale' "$TMP/notifications.log" || true; }
before=$(stale_since)
pages_before=$(stale_pages)
kill -TERM "$BINWATCH_PID"
wait "$BINWATCH_PID" || true
"$BINWATCH" run --config "$TMP/binwatch.yml" 2>>"$TMP/binwatch.log" &
BINWATCH_PID=$!
wait_for "ready again" curl -sf "$API/-/ready"
grep 'WAL replayed' "$TMP/binwatch.log" | tail -1 | sed 's/^.*binwatch: //'
cycles() { curl -s "$API/metrics" | awk '$1 == "binwatch_cycles_total" {print int($2)}'; }
more_cycles() { (( $(cycles) >= 4 )); }
wait_for "four cycles after the restart" more_cycles
after=$(stale_since)
echo "BinUtilizationCacheStale{facility=\"FAC-02\"} active since $before before the restart, $after after"
echo "notifications about it caused by the restart: $(( $(stale_pages) - pages_before ))"
[[ -n $after && $after == "$before" && $(stale_pages) == "$pages_before" ]] || {
    echo "the restart changed the alert or paged again" >&2; exit 1; }

step "8. binwatch health (one gathering pass of its own; exit 0/1/2 = HEALTHY/DEGRADED/UNHEALTHY)"
set +e
"$BINWATCH" health --config "$TMP/binwatch.yml" 2>/dev/null | jq -c '{status, checks: (.checks | map_values(.status))}'
echo "exit code: ${PIPESTATUS[0]}"
set -e

step "9. Recovery: the refresh job runs again for FAC-02"
refresh "facility_id = 'FAC-02'"
wait_for "resolved" no_stale
echo "active cache alerts: $(alerts | wc -l)"
wait_for "resolved on PagerDuty" notified resolve
echo "notifications received since:"
notifications $((seen + 1))
health_json | jq -c '.checks.cache_age'

step "10. SIGTERM: binwatch finishes the cycle, writes the textfile and state, exits 0"
kill -TERM "$BINWATCH_PID"
status=0; wait "$BINWATCH_PID" || status=$?
BINWATCH_PID=
echo "binwatch exited with $status"
printf '\nDone in %ss: everything the demo started has been stopped and removed.\n' $((SECONDS - started))
