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
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
examples=${1:-$repo/examples}
recommendations=${2:-100000}
bins=${3:-10000}
runs=${4:-10}
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

hyperfine --warmup 2 --runs "$runs" --export-markdown "$work/hyperfine.md" \
  -n psql "psql -X -q -A -t -f $work/queries.sql -o /dev/null" \
  -n binwatch "$binwatch collect --config $work/binwatch.yml > /dev/null"
cat "$work/hyperfine.md"

rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
echo "peak RSS (KiB): psql $(rss psql -X -q -A -t -f "$work/queries.sql" -o /dev/null)," \
     "binwatch $(rss "$binwatch" collect --config "$work/binwatch.yml")"
