#!/usr/bin/env bash
# binwatch collect vs psql running the same collector queries, on the example warehouse.
#
#   Benchmarks/sql/run.sh [examples-dir] [recommendations] [bins] [runs]
#
# Starts a throwaway PostgreSQL 15 (initdb in a temp dir, unix socket only), loads
# examples/warehouse (schema.sql + generate.sql), then times with hyperfine:
#   psql    : one session running every collector query, rows to /dev/null
#   binwatch: `binwatch collect` (release build) over the same collector files
# and reports peak RSS of each (/usr/bin/time -f %M). Needs the release binary:
#   swift build -c release --product binwatch
# BINWATCH_BENCH_QUICK=1: 10k recommendations, 1k bins, 5 runs by default.
# BINWATCH_BENCH_JSON=FILE: also write the figures as JSON (Benchmarks/lib/benchjson.py) for
# scripts/perf-report.sh.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
examples=${1:-$repo/examples}
if [ "${BINWATCH_BENCH_QUICK:-0}" = 1 ]; then
  recommendations=${2:-10000}; bins=${3:-1000}; runs=${4:-5}
else
  recommendations=${2:-100000}; bins=${3:-10000}; runs=${4:-10}
fi
binwatch=${BINWATCH:-$repo/.build/release/binwatch}
pgbin=/usr/lib/postgresql/15/bin

[ -x "$binwatch" ] || { echo "build first: swift build -c release --product binwatch" >&2; exit 1; }
[ -d "$examples/collectors" ] || { echo "no collectors in $examples" >&2; exit 1; }

work=$(mktemp -d /tmp/binwatch-sqlbench.XXXXXX)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$work"
cleanup() { as_pg "$pgbin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

as_pg "$pgbin/initdb" -D "$work/data" -U bench --auth=trust -N >/dev/null
as_pg "$pgbin/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
  -o "-k $work -p 5432 -c listen_addresses='' -c fsync=off -c shared_buffers=128MB" start >/dev/null
export PGHOST=$work PGPORT=5432 PGUSER=bench PGDATABASE=postgres

echo "loading warehouse: $recommendations recommendations, $bins bins" >&2
psql -X -q -v ON_ERROR_STOP=1 -f "$examples/warehouse/schema.sql" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -v recommendations="$recommendations" -v bins="$bins" \
  -f "$examples/warehouse/generate.sql" >/dev/null
psql -X -q -c "VACUUM ANALYZE" >/dev/null

python3 "$repo/Benchmarks/sql/extract-queries.py" "$examples"/collectors/*.yml > "$work/queries.sql"
queries=$(grep -c '^-- ' "$work/queries.sql")
cat > "$work/binwatch.yml" <<YAML
sources:
  postgres:
    - name: bench
      dsn: "host=$work port=5432 user=bench dbname=postgres"
      query_timeout: 60s
      collector_files: ["$examples/collectors/*.yml"]
YAML

# Sanity: every query succeeds in binwatch too (errors go to stderr).
"$binwatch" collect --config "$work/binwatch.yml" > "$work/out.prom" 2> "$work/err.txt"
grep -q '^pg_up 1$' "$work/out.prom" || { echo "pg_up is not 1" >&2; cat "$work/err.txt" >&2; exit 1; }
if [ -s "$work/err.txt" ]; then echo "binwatch reported errors:" >&2; cat "$work/err.txt" >&2; fi
echo "queries: $queries, series printed: $(grep -vc '^#' "$work/out.prom")" >&2

hyperfine --warmup 2 --runs "$runs" --export-markdown "$work/hyperfine.md" --export-json "$work/hyperfine.json" \
  -n psql "psql -X -q -A -t -f $work/queries.sql -o /dev/null" \
  -n binwatch "$binwatch collect --config $work/binwatch.yml > /dev/null"
cat "$work/hyperfine.md"

rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
rss_psql=$(rss psql -X -q -A -t -f "$work/queries.sql" -o /dev/null)
rss_binwatch=$(rss "$binwatch" collect --config "$work/binwatch.yml")
echo "peak RSS (KiB): psql $rss_psql, binwatch $rss_binwatch"

[ -n "${BINWATCH_BENCH_JSON:-}" ] || exit 0
server=$(psql -X -A -t -c "SHOW server_version" | cut -d' ' -f1)
python3 - "$repo" "$work/hyperfine.json" "$rss_psql" "$rss_binwatch" "$queries" "$recommendations" "$bins" "$runs" "$server" <<'PY'
import json, os, sys
repo, hf, rss_psql, rss_binwatch, queries, recs, bins, runs, server = sys.argv[1:]
sys.path.insert(0, os.path.join(repo, "Benchmarks", "lib"))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import benchjson
psql = benchjson.tool_version("psql")
anchor = f"{psql} (server {server})" if psql else None
data = {r["command"]: r for r in json.load(open(hf))["results"]}
b, p = data["binwatch"], data["psql"]
size = f"{int(recs) // 1000}k recommendations, {int(bins) // 1000}k bins, {queries} queries"
cpu = lambda r: (r["user"] + r["system"]) * 1e3
rows = [
    benchjson.row(f"collect, mean wall time ({size})", b["mean"] * 1e3, p["mean"] * 1e3, anchor, "ms",
                  f"hyperfine, {runs} runs after 2 warm-ups; psql runs the same queries in one session"),
    benchjson.row("collect, best wall time", b["min"] * 1e3, p["min"] * 1e3, anchor, "ms", "hyperfine min"),
    benchjson.row("collect, client CPU (user + sys)", cpu(b), cpu(p), anchor, "ms", "hyperfine mean user + system of the client process"),
    benchjson.row("collect, peak RSS", int(rss_binwatch) / 1024, int(rss_psql) / 1024, anchor, "MiB", "/usr/bin/time -f %M, one run"),
]
benchjson.write("sql", rows, sizes={"recommendations": int(recs), "bins": int(bins), "runs": int(runs)})
PY
