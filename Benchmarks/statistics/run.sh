#!/usr/bin/env bash
# Statistics benchmark: describe, Spearman and Welch on 1e6 values, Swift (release, -O -wmo)
# against numpy/scipy on identical data. Run by hand from the repository root:
#     Benchmarks/statistics/run.sh [n]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
n="${1:-1000000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$root/Benchmarks/statistics/bench.swift" "$work/main.swift"
# One optimised module: the Statistics sources plus the driver (what `swift build -c release` does
# for the module, without adding a benchmark product to Package.swift).
swiftc -O -wmo -module-name StatisticsBench \
  -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility \
  $(find "$root/Sources/Statistics" -name '*.swift') "$work/main.swift" -o "$work/bench"
echo "== Swift Statistics (swiftc -O -wmo), n = $n"
"$work/bench" "$n"
echo "== numpy/scipy"
python3 "$root/Benchmarks/statistics/bench.py" "$n"
