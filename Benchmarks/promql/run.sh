#!/usr/bin/env bash
# PromQL benchmark (run by hand, release build): binwatch in-process vs Prometheus 2.42
# over loopback on the same data. Prints binwatch's figures, Prometheus's (best of 5 wall
# times of the HTTP request) and the ratio.
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
python3 - "$port" "$end" "$work/binwatch.txt" <<'PY'
import sys, time, urllib.parse, urllib.request, re
port, end, ours = sys.argv[1], int(sys.argv[2]), open(sys.argv[3]).read()
queries = ["sum by (facility) (rate(x[5m]))", "histogram_quantile(0.95, sum by (le) (rate(h_bucket[5m])))"]
def best(url, n):
    t = float("inf")
    for _ in range(n):
        s = time.perf_counter(); urllib.request.urlopen(url).read(); t = min(t, time.perf_counter() - s)
    return t * 1000
for q in queries:
    qs = urllib.parse.quote(q)
    inst = best(f"http://127.0.0.1:{port}/api/v1/query?query={qs}&time={end}", 5)
    rng = best(f"http://127.0.0.1:{port}/api/v1/query_range?query={qs}&start={end-3600}&end={end}&step=60", 5)
    mi = float(re.search(r"instant " + re.escape(q) + r": ([0-9.]+) ms", ours).group(1))
    mr = float(re.search(r"range1h " + re.escape(q) + r": ([0-9.]+) ms", ours).group(1))
    print(f"{q}\n  instant: binwatch {mi:.2f} ms, prometheus {inst:.2f} ms, ratio {mi/inst:.2f}\n  range 1h/60s: binwatch {mr:.2f} ms, prometheus {rng:.2f} ms, ratio {mr/rng:.2f}")
PY
