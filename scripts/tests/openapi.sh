#!/usr/bin/env bash
# Schemathesis against a running daemon with docs/openapi.yaml: a bounded number of
# generated requests per operation; no 5xx, answers as described, no crash, no hang.
set -euo pipefail
cd "$(dirname "$0")/../.."
binwatch=$(swift build --show-bin-path)/binwatch
command -v schemathesis >/dev/null || { echo "openapi: schemathesis missing (scripts/setup.sh installs it)" >&2; exit 1; }
tmp=$(mktemp -d)
pid=
cleanup() { [[ -n $pid ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
mkdir -p "$tmp/rules"
printf 'bin_utilization_cache_age_seconds{facility_id="F1"} 1200\n' >"$tmp/data.prom"
cat >"$tmp/rules/wms.yml" <<'YAML'
groups:
  - name: wms
    rules:
      - record: facility:cache_age_minutes
        expr: bin_utilization_cache_age_seconds / 60
      - alert: BinCacheStale
        expr: facility:cache_age_minutes > 15
YAML
cat >"$tmp/binwatch.yml" <<YAML
global: {evaluation_interval: 1s}
rule_files: [rules/*.yml]
sources:
  textfile: [{name: wms, path: $tmp/data.prom}]
health_checks:
  - {name: cacheAge, expr: 'max(facility:cache_age_minutes)', degraded_above: 15, unhealthy_above: 30}
# Port 0: the kernel picks a free port when binwatch binds, read back from its log (a port
# picked here and bound later could be taken in between).
web: {listen_address: "127.0.0.1:0"}
# The Alertmanager API's silences live in the state file; a receiver without integrations
# gives /api/v2/alerts and /api/v2/receivers something to list without sending anything.
state: {path: $tmp/state.sqlite}
alerting:
  route: {receiver: blackhole, group_by: [alertname]}
  receivers: [{name: blackhole}]
# Generated queries may be pathological: each is cut at 5 s, so the run is bounded.
query: {timeout: 5s}
YAML
"$binwatch" run --config "$tmp/binwatch.yml" >"$tmp/binwatch.log" 2>&1 &
pid=$!
source scripts/lib/binwatch-ready.sh
port=$(binwatch_ready "$tmp/binwatch.log" "$pid" openapi)
# From the temporary folder: schemathesis keeps a cache (.schemathesis/) where it runs.
# One worker: with two, schemathesis builds Python ASTs on two threads, and CPython 3.11's
# AST constructor then raised a spurious "SystemError: AST constructor recursion depth
# mismatch" (python/cpython#106905) in a loaded CI run, a failure of the tool, not of binwatch.
spec=$PWD/docs/openapi.yaml
(cd "$tmp" && schemathesis run "$spec" --url "http://127.0.0.1:$port" --max-examples "${OPENAPI_EXAMPLES:-25}" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --request-timeout 30 --generation-deterministic --workers 1 >"$tmp/schemathesis.log" 2>&1) || {
    cat "$tmp/schemathesis.log" >&2
    echo "openapi: schemathesis found problems (above)" >&2
    exit 1
}
tail -n 5 "$tmp/schemathesis.log"
kill -0 "$pid" 2>/dev/null || { echo "openapi: binwatch died during the run" >&2; cat "$tmp/binwatch.log" >&2; exit 1; }
curl -fsS "http://127.0.0.1:$port/-/healthy" >/dev/null || { echo "openapi: binwatch stopped answering" >&2; exit 1; }
echo "openapi: schemathesis passed against docs/openapi.yaml; binwatch still answers"
