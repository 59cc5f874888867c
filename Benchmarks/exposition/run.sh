#!/usr/bin/env bash
# Exposition benchmark (issue 2's Bar): encode 100k series and parse a 100k-line file with
# binwatch (release build), and run `promtool check metrics` on the same file.
# Run by hand from anywhere:  Benchmarks/exposition/run.sh [SERIES]
# Needs: swift, promtool (Debian `prometheus`), python3; hyperfine if installed (apt install hyperfine).
# BINWATCH_BENCH_QUICK=1: 20k series by default. BINWATCH_BENCH_JSON=FILE: also write the
# figures as JSON (Benchmarks/lib/benchjson.py) for scripts/perf-report.sh.
set -euo pipefail
if [ "${BINWATCH_BENCH_QUICK:-0}" = 1 ]; then series="${1:-20000}"; else series="${1:-100000}"; fi
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$root"
swift build -c release --product binwatch >/dev/null
bin="$(swift build -c release --show-bin-path)/binwatch"
file="$work/series.prom"

echo "== in-process timings (best of 5; no process start-up, no file read)"
"$bin" debug exposition-bench --series "$series" --write "$file" --parse "$file" --repeats 5 | tee "$work/inproc.txt"
lines=$(wc -l <"$file")
echo "file: $file, $lines lines, $(wc -c <"$file") bytes"

echo "== whole-process wall time on the same file"
"$bin" check metrics "$file" && echo "binwatch check metrics: valid"
set +e; promtool check metrics <"$file" >/dev/null 2>&1; echo "promtool check metrics exit status: $? (3 = lint findings only)"; set -e
if command -v hyperfine >/dev/null; then
    hyperfine --warmup 2 --runs 10 -i --export-json "$work/hf.json" \
        -n binwatch "$bin check metrics $file" \
        -n promtool "promtool check metrics < $file" >/dev/null
    python3 - "$work/hf.json" "$series" <<'PY'
import json, sys
data = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
n = int(sys.argv[2])
b, p = data["binwatch"], data["promtool"]
for name, r in (("binwatch check metrics", b), ("promtool check metrics", p)):
    print(f"{name:24s} mean {r['mean']*1e3:8.1f} ms ± {r['stddev']*1e3:5.1f}  = {r['mean']*1e9/n:7.0f} ns/series (whole process)")
print(f"ratio promtool/binwatch: {p['mean']/b['mean']:.2f}x")
PY
else
    for cmd in "$bin check metrics $file" "promtool check metrics < $file"; do
        start=$(date +%s.%N)
        for _ in 1 2 3 4 5; do bash -c "$cmd" >/dev/null 2>&1 || true; done
        end=$(date +%s.%N)
        python3 -c "import sys; t=($end-$start)/5; print(f'{sys.argv[1]:60s} {t*1e3:8.1f} ms = {t*1e9/$series:7.0f} ns/series')" "$cmd" \
            | tee -a "$work/fallback.txt"
    done
fi

[ -n "${BINWATCH_BENCH_JSON:-}" ] || exit 0
python3 - "$root" "$work" "$series" "$lines" <<'PY'
import json, os, re, sys
root, work, series, lines = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
sys.path.insert(0, os.path.join(root, "Benchmarks", "lib"))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import benchjson
inproc = open(os.path.join(work, "inproc.txt")).read()
enc = float(re.search(r"encode: .*best ([0-9.]+) ms", inproc).group(1))
par = float(re.search(r"parse: .*best ([0-9.]+) ms", inproc).group(1))
promtool = benchjson.tool_version("promtool")
hf = os.path.join(work, "hf.json")
if os.path.exists(hf):
    data = {r["command"]: r for r in json.load(open(hf))["results"]}
    b, p = data["binwatch"]["mean"] * 1e3, data["promtool"]["mean"] * 1e3
    how = "hyperfine mean of 10 runs"
else:
    t = [float(x) for x in re.findall(r" ([0-9.]+) ms =", open(os.path.join(work, "fallback.txt")).read())]
    b, p = t[0], t[1]
    how = "mean of 5 runs"
size = f"{series // 1000}k series, {lines} lines"
rows = [
    benchjson.row(f"check metrics, whole process ({size})", b, p, promtool, "ms",
                  f"`binwatch check metrics FILE` vs `promtool check metrics < FILE`, {how}"),
    benchjson.row(f"check metrics, per series", b * 1e6 / series, p * 1e6 / series, promtool, "ns",
                  "the row above divided by the series count"),
    benchjson.row(f"parse in process ({size})", par, None, None, "ms", "best of 5; no process start, no file read"),
    benchjson.row(f"encode in process ({size})", enc, None, None, "ms", "best of 5"),
]
benchjson.write("exposition", rows, sizes={"series": series, "lines": lines})
PY
