#!/usr/bin/env bash
# PromQL benchmark (run by hand, release build): binwatch in-process vs Prometheus 2.42
# over loopback on the same data. Prints binwatch's figures, Prometheus's (best of 5 wall
# times of the HTTP request, and Prometheus's own execTotalTime from `stats=all`) and the ratios.
# BINWATCH_BENCH_JSON=FILE: also write the figures as JSON (Benchmarks/lib/benchjson.py) for
# scripts/perf-report.sh. The data set is fixed (10k series x 2h at 15s): no quick mode.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'kill ${prom_pid:-} 2>/dev/null || true; rm -rf "$work"' EXIT
swift build -c release --product PromQLBenchmark >/dev/null
bin=$(swift build -c release --show-bin-path)/PromQLBenchmark
"$bin" | tee "$work/binwatch.txt"
"$bin" generate "$work/data.om"
promtool tsdb create-blocks-from openmetrics "$work/data.om" "$work/tsdb" >/dev/null
printf 'global:\n  scrape_interval: 1h\n' > "$work/prometheus.yml"
port=19990
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" --storage.tsdb.retention.time=100y \
  --web.listen-address=127.0.0.1:$port >"$work/prom.log" 2>&1 &
prom_pid=$!
until curl -sf "http://127.0.0.1:$port/-/ready" >/dev/null; do sleep 0.5; done
end=1700000000
python3 - "$port" "$end" "$work/binwatch.txt" "$(pwd)" <<'PY'
import json, os, sys, time, urllib.parse, urllib.request, re
port, end, ours = sys.argv[1], int(sys.argv[2]), open(sys.argv[3]).read()
sys.path.insert(0, os.path.join(sys.argv[4], "Benchmarks", "lib"))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import benchjson
queries = ["sum by (facility) (rate(x[5m]))", "histogram_quantile(0.95, sum by (le) (rate(h_bucket[5m])))"]
def best(url, n):
    """Best wall time of the HTTP request and best server-side execTotalTime, in ms."""
    t, server = float("inf"), float("inf")
    for _ in range(n):
        s = time.perf_counter(); body = urllib.request.urlopen(url + "&stats=all").read(); t = min(t, time.perf_counter() - s)
        timings = json.loads(body).get("data", {}).get("stats", {}).get("timings", {})
        server = min(server, timings.get("execTotalTime", float("inf")))
    return t * 1000, (server * 1000 if server < float("inf") else None)  # None: no stats in the answer
ms = lambda v: "n/a" if v is None else f"{v:.2f} ms"
prometheus = benchjson.tool_version("prometheus")
rows = []
for q in queries:
    qs = urllib.parse.quote(q)
    inst, inst_server = best(f"http://127.0.0.1:{port}/api/v1/query?query={qs}&time={end}", 5)
    rng, rng_server = best(f"http://127.0.0.1:{port}/api/v1/query_range?query={qs}&start={end-3600}&end={end}&step=60", 5)
    mi = float(re.search(r"instant " + re.escape(q) + r": ([0-9.]+) ms", ours).group(1))
    mr = float(re.search(r"range1h " + re.escape(q) + r": ([0-9.]+) ms", ours).group(1))
    print(f"{q}\n  instant: binwatch {mi:.2f} ms, prometheus {inst:.2f} ms (server-side {ms(inst_server)}), ratio {mi/inst:.2f}"
          f"\n  range 1h/60s: binwatch {mr:.2f} ms, prometheus {rng:.2f} ms (server-side {ms(rng_server)}), ratio {mr/rng:.2f}")
    for kind, ours_ms, wall, server in (("instant", mi, inst, inst_server), ("range 1h/60s", mr, rng, rng_server)):
        rows.append(benchjson.row(f"`{q}`, {kind}, vs loopback wall time", ours_ms, wall, prometheus, "ms",
                                  "binwatch in process (best of 5 instant, 3 range); Prometheus: best of 5 HTTP requests over loopback"))
        rows.append(benchjson.row(f"`{q}`, {kind}, vs server-side time", ours_ms, server, prometheus, "ms",
                                  "Prometheus: best execTotalTime of `stats=all` (no HTTP, no JSON)"))
bps = re.search(r"([0-9.]+) bytes/sample", ours)
if bps:
    rows.append(benchjson.row("stored bytes per sample", float(bps.group(1)), None, None, "bytes",
                              "binwatch's sample arrays after shrinkToFit"))
benchjson.write("promql", rows)
PY
