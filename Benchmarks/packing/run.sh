#!/usr/bin/env bash
# Packing benchmarks (release build; run by hand, not in the test suite).
#   quality: FFD, BFD and the improvement search on the 160 Falkenauer instances, per class
#   speed:   50-line batches against 10k bins with 3D checks, p50/p95 per algorithm
# BINWATCH_BENCH_QUICK=1: 200 batches instead of 1000 (BATCHES overrides both).
# BINWATCH_BENCH_JSON=FILE: also write the figures as JSON (Benchmarks/lib/benchjson.py) for
# scripts/perf-report.sh, with the known optima (baselines.csv) and the seeds' P95 claim for a
# 50-item batch (read from ../shared/seeds at run time) as anchors.
set -euo pipefail
cd "$(dirname "$0")/../.."
shared="${SHARED:-../shared/binpacking-instances}"
seeds="${SEEDS:-../shared/seeds}"
# The budget caps the search only; 90 ms leaves room for the greedy pass inside 100 ms per instance.
budget="${BUDGET_MS:-90}"
if [ "${BINWATCH_BENCH_QUICK:-0}" = 1 ]; then batches="${BATCHES:-200}"; else batches="${BATCHES:-1000}"; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift build -c release --product PackingBenchmark
bin=.build/release/PackingBenchmark
if [ -f "$shared/baselines.csv" ]; then
    "$bin" quality "$shared" "$budget" | tee "$work/quality.txt"
else
    echo "skipping quality: $shared is absent"
fi
"$bin" speed "$batches" | tee "$work/speed.txt"

[ -n "${BINWATCH_BENCH_JSON:-}" ] || exit 0
python3 - "$(pwd)" "$work" "$shared" "$seeds" "$budget" "$batches" <<'PY'
import csv, glob, os, re, sys
root, work, shared, seeds, budget, batches = sys.argv[1:]
sys.path.insert(0, os.path.join(root, "Benchmarks", "lib"))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import benchjson

def table(path):
    """The rows of a markdown table printed by PackingBenchmark, as lists of cells."""
    if not os.path.exists(path):
        return []
    lines = [l for l in open(path) if l.startswith("| ") and not l.startswith("|---")]
    return [[c.strip() for c in l.strip().strip("|").split("|")] for l in lines[1:]]

rows = []
quality = table(os.path.join(work, "quality.txt"))
if quality:
    optima, ffd_base = {}, {}
    for r in csv.DictReader(open(os.path.join(shared, "baselines.csv"))):
        optima[r["cls"]] = optima.get(r["cls"], 0) + int(r["opt"])
        ffd_base[r["cls"]] = ffd_base.get(r["cls"], 0) + int(r["FFD"])
    ffd_ok = bfd_ok = total = 0
    for cls, ffd_eq, bfd_eq, ffd_ex, imp_ex, imp_opt, cut, imp_ms, ffd_ms, bfd_ms in quality:
        n = int(ffd_eq.split("/")[1]); total += n
        ffd_ok += int(ffd_eq.split("/")[0]); bfd_ok += int(bfd_eq.split("/")[0])
        ffd_sum, _ = (int(x) for x in ffd_ex.split(","))
        imp_sum, imp_max = (int(x) for x in imp_ex.split(","))
        ms_mean, ms_max = (float(x) for x in imp_ms.split(","))
        rows.append(benchjson.row(f"{cls}: bins used after the improvement search (sum of {n})", optima[cls] + imp_sum,
                                  optima[cls], "known optimum", "bins",
                                  f"{imp_opt} at the optimum; FFD used {optima[cls] + ffd_sum} (baselines.csv FFD: {ffd_base[cls]})"))
        if cls.startswith("u"):
            rows.append(benchjson.row(f"{cls}: excess over the optimum, worst instance", imp_max, 0, "known optimum", "bins", None))
        else:
            rows.append(benchjson.row(f"{cls}: FFD excess cut by the search", float(cut.rstrip("%")), None, None, "%",
                                      f"FFD excess {ffd_sum} bins -> {imp_sum}"))
        rows.append(benchjson.row(f"{cls}: improvement search time, worst instance", ms_max, None, None, "ms",
                                  f"budget {budget} ms for the search; mean {ms_mean} ms"))
    rows.append(benchjson.row("FFD bin counts equal to baselines.csv", ffd_ok, total, "baselines.csv (Python FFD)", "instances", None))
    rows.append(benchjson.row("BFD bin counts equal to baselines.csv", bfd_ok, total, "baselines.csv (Python BFD)", "instances", None))

claim = None
for path in sorted(glob.glob(os.path.join(seeds, "*"))):
    try:
        m = re.search(r"Batch putaway \(50 items\)\s*\|[^|\n]*\|\s*([0-9.]+)\s*ms \(P95\)", open(path, errors="replace").read())
    except OSError:
        m = None
    if m:
        claim = float(m.group(1)); break
claim_note = "seeds: 'Batch putaway (50 items) ... (P95)'" if claim is not None else f"seeds absent ({seeds})"
for algorithm, how, n, p50, p95, worst, violations, placed in table(os.path.join(work, "speed.txt")):
    label = f"{algorithm.upper()} p95, 50 lines vs 10k bins, 3D checks, " + ("bins indexed once" if how == "prepared once" else f"bins {how}")
    rows.append(benchjson.row(label, float(p95), claim, "seeds' claim", "ms",
                              f"{n} batches; p50 {p50} ms, max {worst} ms; {violations} violations; units {placed}; {claim_note}"))
benchjson.write("packing", rows, sizes={"batches": int(batches), "budget_ms": float(budget)})
PY
