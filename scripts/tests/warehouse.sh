#!/usr/bin/env bash
# Tests examples/warehouse and examples/collectors against a throwaway PostgreSQL:
#   1. initdb in a temp dir (unix socket only), load schema.sql + generate.sql at two sizes;
#   2. determinism: the same knobs give byte-identical dumps of every table, another seed does not;
#   3. every collector query runs in a read-only transaction and returns rows whose
#      key-label columns exist and whose value columns are numeric (check-collector-queries.py);
#   4. the deliberate anomalies are there (stale cache, bad materials, invalid bins);
#   5. correlations and A/B-test p-values equal scipy's (check-warehouse-statistics.py).
# Usage: scripts/tests/warehouse.sh [large_recommendations [large_bins]]   (defaults 100000 10000)
set -euo pipefail
shopt -s inherit_errexit  # a failing load inside $(...) must stop the script

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
LARGE_RECS=${1:-100000}
LARGE_BINS=${2:-10000}
ANCHOR=$(date -u +%Y-%m-%dT%H:%M:%SZ)   # one "now" for every load, so dumps compare equal
TMP=$(mktemp -d /tmp/binwatch-warehouse.XXXXXX)
FAILURES=0

source "$ROOT/scripts/lib/throwaway-pg.sh"
cleanup() {
    pg_stop "$TMP"
    rm -rf "$TMP"
}
trap cleanup EXIT

fail() { echo "FAIL: $*"; FAILURES=$((FAILURES + 1)); }
pass() { echo "ok:   $*"; }

pg_start "$TMP"

# load DB SEED RECS BINS: create DB and load the schema and generated data; prints seconds.
load() {
    local db=$1 seed=$2 recs=$3 bins=$4 start end
    start=$(date +%s.%N)
    load_warehouse "$db" "$seed" "$recs" "$bins" "$ANCHOR"
    end=$(date +%s.%N)
    echo "$end - $start" | bc
}

# fingerprint DB: md5 over every table and materialized view, rows in primary-key order.
fingerprint() {
    local db=$1
    for rel in facilities storage_locations materials lots putaway_recommendations cache_refresh_status \
        material_dimension_verifications capacity_validation_failures bin_optimization_statistical_metrics \
        bin_optimization_ab_test_results bin_optimization_correlation_analysis \
        bin_optimization_statistical_validations bin_optimization_outliers bin_utilization_cache \
        bin_optimization_statistical_summary; do
        echo "== $rel"
        "${PSQL[@]}" -d "$db" -c "COPY (SELECT * FROM $rel ORDER BY 1) TO STDOUT"
    done | md5sum | cut -d' ' -f1
}

scalar() { "${PSQL[@]}" -d "$1" -At -c "$2"; }

echo "anchor $ANCHOR, server in $TMP"

t=$(load wh_a 0.42 1000 200);  pass "small load (1000 recommendations, 200 bins) in ${t}s"
load wh_b 0.42 1000 200 >/dev/null
load wh_c -0.3 1000 200 >/dev/null
fa=$(fingerprint wh_a); fb=$(fingerprint wh_b); fc=$(fingerprint wh_c)
[ "$fa" = "$fb" ] && pass "same seed => identical data ($fa)" || fail "same seed gave $fa and $fb"
[ "$fa" != "$fc" ] && pass "other seed => other data" || fail "seeds 0.42 and -0.3 gave identical data"

t=$(load wh_large 0.42 "$LARGE_RECS" "$LARGE_BINS"); pass "large load ($LARGE_RECS recommendations, $LARGE_BINS bins) in ${t}s"

for db in wh_a wh_large; do
    n=$(scalar $db "SELECT count(*) FROM putaway_recommendations")
    want=$([ $db = wh_a ] && echo 1000 || echo "$LARGE_RECS")
    [ "$n" = "$want" ] && pass "$db: $n recommendations" || fail "$db: $n recommendations, wanted $want"
    for check in \
        "materials missing dimensions|SELECT count(*) FROM materials WHERE cubic_feet IS NULL" \
        "bins with invalid capacity|SELECT count(*) FROM storage_locations WHERE coalesce(cubic_feet, 0) <= 0 OR coalesce(max_weight_lbs, 0) <= 0" \
        "over-utilized bins|SELECT count(*) FROM bin_utilization_cache WHERE utilization_status = 'OVERUTILIZED'" \
        "under-utilized bins|SELECT count(*) FROM bin_utilization_cache WHERE utilization_status = 'UNDERUTILIZED'" \
        "outliers|SELECT count(*) FROM bin_optimization_outliers"; do
        label=${check%%|*}; n=$(scalar $db "${check#*|}")
        [ "$n" -gt 0 ] && pass "$db: $n $label" || fail "$db: no $label"
    done
    age=$(scalar $db "SELECT floor(extract(epoch FROM now() - max(refreshed_at))) FROM cache_refresh_status WHERE success AND facility_id = 'FAC-03'")
    [ "$age" -ge 2400 ] && pass "$db: FAC-03 cache is stale (${age}s)" || fail "$db: FAC-03 cache age ${age}s, wanted >= 2400"
    age=$(scalar $db "SELECT floor(extract(epoch FROM now() - max(refreshed_at))) FROM cache_refresh_status WHERE success AND facility_id = 'FAC-01'")
    [ "$age" -lt 1800 ] && pass "$db: FAC-01 cache is fresh (${age}s)" || fail "$db: FAC-01 cache age ${age}s, wanted < 1800"
    if python3 "$ROOT/scripts/tests/check-collector-queries.py" --host "$TMP" --dbname "$db" "$ROOT"/examples/collectors/*.yml; then
        pass "$db: every collector query"
    else
        fail "$db: collector queries (see above)"
    fi
    if python3 "$ROOT/scripts/tests/check-warehouse-statistics.py" --host "$TMP" --dbname "$db" --anchor "$ANCHOR"; then
        pass "$db: statistical tables agree with scipy"
    else
        fail "$db: statistical tables disagree with scipy (see above)"
    fi
done

# The generator rejects bad knobs with a clear message.
"${PSQL[@]}" -d postgres -c "CREATE DATABASE wh_bad" && "${PSQL[@]}" -d wh_bad -f "$ROOT/examples/warehouse/schema.sql" >/dev/null
if out=$("${PSQL[@]}" -d wh_bad -v bins=0 -f "$ROOT/examples/warehouse/generate.sql" 2>&1); then
    fail "bins=0 was accepted"
elif grep -q "bins must be >= facilities" <<<"$out"; then
    pass "bins=0 rejected: $(grep -o 'generate.sql: .*' <<<"$out")"
else
    fail "bins=0 failed without the expected message: $out"
fi

echo
if [ "$FAILURES" -eq 0 ]; then echo "test-warehouse: all checks passed"; else echo "test-warehouse: $FAILURES check(s) failed"; exit 1; fi
