#!/usr/bin/env bash
# Statistics benchmark: describe, Spearman and Welch on 1e6 values, Swift (release, -O -wmo)
# against numpy/scipy on identical data. Run by hand from the repository root:
#     Benchmarks/statistics/run.sh [n]
# BINWATCH_BENCH_QUICK=1: n = 1e5 by default. BINWATCH_BENCH_JSON=FILE: also write the figures
# as JSON (Benchmarks/lib/benchjson.py) for scripts/perf-report.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
if [ "${BINWATCH_BENCH_QUICK:-0}" = 1 ]; then n="${1:-100000}"; else n="${1:-1000000}"; fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$root/Benchmarks/statistics/bench.swift" "$work/main.swift"
# One optimised module: the Statistics sources plus the driver (what `swift build -c release` does
# for the module, without adding a benchmark product to Package.swift).
swiftc -O -wmo -module-name StatisticsBench \
  -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility \
  $(find "$root/Sources/Statistics" -name '*.swift') "$work/main.swift" -o "$work/bench"
echo "== Swift Statistics (swiftc -O -wmo), n = $n"
"$work/bench" "$n" | tee "$work/swift.txt"
echo "== numpy/scipy"
python3 "$root/Benchmarks/statistics/bench.py" "$n" | tee "$work/scipy.txt"

[ -n "${BINWATCH_BENCH_JSON:-}" ] || exit 0
python3 - "$root" "$work" "$n" <<'PY'
import os, re, sys
root, work, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path.insert(0, os.path.join(root, "Benchmarks", "lib"))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import benchjson
def times(path):
    return {m.group(1): (float(m.group(2)), float(m.group(3)))
            for m in re.finditer(r"^(\w+)\s+best\s+([0-9.]+) ms\s+median\s+([0-9.]+) ms", open(path).read(), re.M)}
ours, theirs = times(os.path.join(work, "swift.txt")), times(os.path.join(work, "scipy.txt"))
head = open(os.path.join(work, "scipy.txt")).readline()
versions = re.match(r"numpy (\S+), scipy (\S+),", head)
anchor = f"scipy {versions.group(2)} (numpy {versions.group(1)})" if versions else benchjson.tool_version("scipy")
what = {"describe": "describe (mean, median, sd, 6 percentiles, CI95)", "spearman": "Spearman rho + p",
        "welch": "Welch t-test"}
rows = []
for name in ("describe", "spearman", "welch"):
    o, t = ours[name], theirs.get(name, (None, None))
    rows.append(benchjson.row(f"{what[name]}, n = {n:.0e}, best of 7", o[0], t[0], anchor, "ms",
                              "compute only, same data (splitmix64); Swift: Statistics sources, swiftc -O -wmo"))
    rows.append(benchjson.row(f"{what[name]}, n = {n:.0e}, median of 7", o[1], t[1], anchor, "ms", None))
benchjson.write("statistics", rows, sizes={"n": n})
PY
