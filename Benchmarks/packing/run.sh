#!/usr/bin/env bash
# Packing benchmarks (release build; run by hand, not in the test suite).
#   quality: FFD, BFD and the improvement search on the 160 Falkenauer instances, per class
#   speed:   50-line batches against 10k bins with 3D checks, p50/p95 per algorithm
set -euo pipefail
cd "$(dirname "$0")/../.."
shared="${SHARED:-../shared/binpacking-instances}"
# The budget caps the search only; 90 ms leaves room for the greedy pass inside 100 ms per instance.
budget="${BUDGET_MS:-90}"
swift build -c release --product PackingBenchmark
bin=.build/release/PackingBenchmark
if [ -f "$shared/baselines.csv" ]; then
    "$bin" quality "$shared" "$budget"
else
    echo "skipping quality: $shared is absent"
fi
"$bin" speed "${BATCHES:-1000}"
