#!/usr/bin/env bash
# A tour of binwatch's offline tools on the example warehouse: rule checks, a putaway
# plan over the database's bins, statistics on exported data, a textfile read back by
# node_exporter. (The main job, the daemon, is scripts/demo.sh.)
# Everything started here (PostgreSQL, node_exporter) is private, on a unix socket or a
# loopback port, and is stopped and removed on exit.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
scripts/setup.sh >/dev/null
BINWATCH=$(swift build --show-bin-path)/binwatch

TMP=$(mktemp -d /tmp/binwatch-demo.XXXXXX)
source scripts/lib/throwaway-pg.sh
NODE_EXPORTER_PID=
cleanup() {
    [[ -n $NODE_EXPORTER_PID ]] && kill "$NODE_EXPORTER_PID" 2>/dev/null
    pg_stop "$TMP"
    [[ -n ${KEEP:-} ]] || rm -rf "$TMP"
}
trap cleanup EXIT
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "1. A throwaway PostgreSQL with the example warehouse (seed 42: 20k recommendations, 2k bins)"
pg_start "$TMP"
load_warehouse wms 0.42 20000 2000
"${PSQL[@]}" -d wms -c "SELECT facility_id, round(extract(epoch FROM now() - max(refreshed_at))) AS cache_age_s
                         FROM cache_refresh_status WHERE success GROUP BY 1 ORDER BY 1"

step "2. The WMS alert and recording rules, checked as promtool would"
"$BINWATCH" check rules rules/*.yml

step "3. A putaway batch for FAC-01 planned against the bins in the database (HYBRID)"
"${PSQL[@]}" -d wms -At -c "
  SELECT json_build_object('bins', json_agg(json_build_object(
      'locationId', s.location_id::text, 'locationCode', s.location_code, 'zone', s.zone_code,
      'aisle', s.aisle, 'abcClass', s.abc_zone, 'length', s.length_inches, 'width', s.width_inches,
      'height', s.height_inches, 'cubicFeet', s.cubic_feet, 'maxWeightLbs', s.max_weight_lbs,
      'usedCubicFeet', coalesce(u.cube, 0), 'usedWeightLbs', coalesce(u.weight, 0),
      'skus', coalesce(u.skus, '[]'::json))))
  FROM storage_locations s
  LEFT JOIN (SELECT l.location_id, sum(l.quantity_on_hand * m.cubic_feet) AS cube,
                    sum(l.quantity_on_hand * m.weight_lbs) AS weight, json_agg(DISTINCT m.sku) AS skus
             FROM lots l JOIN materials m USING (material_id) GROUP BY 1) u USING (location_id)
  WHERE s.facility_id = 'FAC-01' AND s.is_active AND s.cubic_feet > 0 AND s.max_weight_lbs > 0" > "$TMP/bins.json"
"${PSQL[@]}" -d wms -At -c "
  SELECT json_build_object('items', json_agg(json_build_object(
      'materialId', material_id::text, 'sku', sku, 'lotNumber', 'DEMO-' || material_id, 'quantity', 4,
      'cubicFeet', cubic_feet, 'weightLbs', weight_lbs, 'abcClass', abc_classification)))
  FROM (SELECT * FROM materials WHERE cubic_feet > 0 AND weight_lbs IS NOT NULL ORDER BY material_id LIMIT 50) m" \
  > "$TMP/items.json"
"$BINWATCH" probe putaway --bins "$TMP/bins.json" --items "$TMP/items.json" --algorithm HYBRID \
    > "$TMP/plan.json" 2> "$TMP/plan.warnings" || { cat "$TMP/plan.warnings"; exit 1; }
python3 - "$TMP/plan.json" "$TMP/plan.warnings" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1]))
s = plan["processingSummary"]
print(f"{s['totalItems']} lines, {s['unitsPlaced']}/{s['unitsRequested']} units placed in {s['binsUsed']} bins "
      f"in {s['processingTimeMs']} ms; {len(plan['binIssues'])} bins reported as contradictory")
for r in plan["recommendations"][:5]:
    print(f"  material {r['materialId']} x{r['quantity']} -> {r['locationCode']} "
          f"confidence {r['confidenceScore']} ({r['reasonCode']})")
PY

step "4. Statistics on recommendation data exported from the database"
"${PSQL[@]}" -d wms -c "\copy (SELECT confidence_score, CASE WHEN was_accepted THEN 1 ELSE 0 END AS accepted,
    processing_time_ms FROM putaway_recommendations WHERE was_accepted IS NOT NULL) TO '$TMP/recs.csv' CSV HEADER"
echo "processing time (ms):"
"$BINWATCH" analyze describe --input "$TMP/recs.csv" --column processing_time_ms
echo "confidence score vs acceptance:"
"$BINWATCH" analyze correlate --input "$TMP/recs.csv" --x confidence_score --y accepted

step "5. A textfile written atomically and read by a real node_exporter"
mkdir -p "$TMP/textfile"
"${PSQL[@]}" -d wms -At -F ' ' -c "
  SELECT 'bin_utilization_cache_age_seconds{facility=\"' || facility_id || '\"}',
         round(extract(epoch FROM now() - max(refreshed_at)))
  FROM cache_refresh_status WHERE success GROUP BY facility_id ORDER BY 1" > "$TMP/cache.txt"
{ echo "# HELP bin_utilization_cache_age_seconds Age of the bin utilization cache."
  echo "# TYPE bin_utilization_cache_age_seconds gauge"
  cat "$TMP/cache.txt"; } > "$TMP/textfile/binwatch.prom.tmp"
"$BINWATCH" check metrics --textfile "$TMP/textfile/binwatch.prom.tmp"
mv "$TMP/textfile/binwatch.prom.tmp" "$TMP/textfile/binwatch.prom"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
prometheus-node-exporter --collector.disable-defaults --collector.textfile \
    --collector.textfile.directory="$TMP/textfile" --web.listen-address="127.0.0.1:$port" \
    --web.disable-exporter-metrics >"$TMP/node_exporter.log" 2>&1 &
NODE_EXPORTER_PID=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/metrics" >/dev/null && break; sleep 0.1; done
curl -s "http://127.0.0.1:$port/metrics" | grep -E '^(bin_utilization_cache_age_seconds|node_textfile_scrape_error)'

printf '\nDone: everything the demo started has been stopped and removed.\n'
