#!/usr/bin/env bash
# Exposition benchmark (issue 2's Bar): encode 100k series and parse a 100k-line file with
# binwatch (release build), and run `promtool check metrics` on the same file.
# Run by hand from anywhere:  Benchmarks/exposition/run.sh [SERIES]
# Needs: swift, promtool (Debian `prometheus`), python3; hyperfine if installed (apt install hyperfine).
set -euo pipefail
series="${1:-100000}"
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
        python3 -c "import sys; t=($end-$start)/5; print(f'{sys.argv[1]:60s} {t*1e3:8.1f} ms = {t*1e9/$series:7.0f} ns/series')" "$cmd"
    done
fi
