#!/usr/bin/env bash
# Daemon benchmark: full cycles of examples/binwatch.yml (every SQL collector of
# examples/collectors, the rules/ set, the health checks, textfile and SQLite state written
# every cycle) against the example warehouse in a throwaway PostgreSQL.
# usage (from anywhere, by hand): Benchmarks/daemon/run.sh [CYCLES [RECOMMENDATIONS [BINS]]]
# defaults: 1000 cycles, 100k recommendations, 10k bins (issue 9's benchmark).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cycles=${1:-1000}; recommendations=${2:-100000}; bins=${3:-10000}
TMP=$(mktemp -d /tmp/binwatch-bench-daemon.XXXXXX)
source "$root/scripts/lib/throwaway-pg.sh"
trap 'pg_stop "$TMP"; rm -rf "$TMP"' EXIT

swift build -c release --product binwatch --package-path "$root" >/dev/null 2>&1 \
    || swift build -c release --product binwatch --package-path "$root"
binwatch="$root/.build/release/binwatch"

pg_start "$TMP"
start=$SECONDS
load_warehouse wms 0.42 "$recommendations" "$bins"
echo "warehouse: $("${PSQL[@]}" -d wms -At -c "SELECT count(*) FROM putaway_recommendations") recommendations, $("${PSQL[@]}" -d wms -At -c "SELECT count(*) FROM storage_locations") bins, loaded in $((SECONDS - start))s"
python3 "$root/scripts/lib/example-config.py" "$root" "$TMP" --no-web
export BINWATCH_PG_DSN="host=$TMP port=5432 user=postgres dbname=wms"
# The receivers must be configured for the config to load; the bench sends no notifications.
export BINWATCH_SLACK_WEBHOOK_URL=http://127.0.0.1:9/slack BINWATCH_PAGERDUTY_ROUTING_KEY=bench-key
"$binwatch" check config "$TMP/binwatch.yml" >/dev/null

/usr/bin/time -v "$binwatch" debug daemon-bench --config "$TMP/binwatch.yml" --cycles "$cycles" \
    2>"$TMP/time.txt" | tee "$TMP/bench.txt"
awk -F': ' '/Maximum resident set size/ {printf "peak RSS (time -v): %.1f MiB\n", $2 / 1024}
            /Elapsed \(wall clock\)/ {print "wall: " $2}
            /User time/ {print "user: " $2 "s"} /System time/ {print "sys: " $2 "s"}' "$TMP/time.txt"
# Sources that hit source_timeout during the run, from the last textfile.
grep -E '^binwatch_(source_timeouts_total|source_duration_seconds|cycles_slow_total)' "$TMP/binwatch.prom" || true
