#!/usr/bin/env bash
# End to end: `binwatch analyze` (release build) on a million-row CSV, including reading and
# parsing the file, against numpy.loadtxt (C parser in numpy 2) + numpy/scipy on the same file.
#     swift build -c release --product binwatch && Benchmarks/statistics/cli.sh [binwatch-binary]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="${1:-$root/.build/release/binwatch}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
ROOT="$root" python3 - "$work/data.csv" <<'PY'
import importlib.util, os, sys
spec = importlib.util.spec_from_file_location("gen", os.path.join(os.environ.get("ROOT", "."), "scripts", "gen-statistics-fixtures.py"))
gen = importlib.util.module_from_spec(spec); spec.loader.exec_module(gen)
x, y, a, b = gen.large_columns(1_000_000)
with open(sys.argv[1], "w") as fh:
    fh.write("x,y,a,b\n")
    fh.write("\n".join(f"{p!r},{q!r},{r!r},{s!r}" for p, q, r, s in zip(x.tolist(), y.tolist(), a.tolist(), b.tolist())))
    fh.write("\n")
PY
best() {  # best wall time of 3 runs of "$@", in ms
  local b=999999
  for _ in 1 2 3; do
    local s=$(date +%s%N); "$@" > /dev/null; local e=$(date +%s%N)
    local t=$(( (e - s) / 1000000 )); (( t < b )) && b=$t
  done
  echo "$b"
}
echo "binwatch analyze (release), 1e6-row CSV, best of 3 (ms):"
echo "  describe  $(best "$bin" analyze describe --input "$work/data.csv" --column x)"
echo "  correlate $(best "$bin" analyze correlate --input "$work/data.csv" --x x --y y)"
echo "  ttest     $(best "$bin" analyze ttest --input "$work/data.csv" --a a --b b)"
cat > "$work/py.py" <<'PY'
import sys, numpy as np
from scipy import stats
what, path = sys.argv[1], sys.argv[2]
cols = {"describe": (0,), "correlate": (0, 1), "ttest": (2, 3)}[what]
d = np.loadtxt(path, delimiter=",", skiprows=1, usecols=cols, ndmin=2)
if what == "describe":
    v = d[:, 0]; n = v.size; m = v.mean(); sd = v.std(ddof=1)
    print(m, np.median(v), np.percentile(v, [25, 50, 75, 90, 95, 99]), stats.t.ppf(0.975, n - 1) * sd / np.sqrt(n))
elif what == "correlate":
    print(stats.pearsonr(d[:, 0], d[:, 1]), stats.spearmanr(d[:, 0], d[:, 1]))
else:
    print(stats.ttest_ind(d[:, 0], d[:, 1], equal_var=False))
PY
echo "python3 + numpy.loadtxt + numpy/scipy, same file, best of 3 (ms, includes interpreter start):"
for w in describe correlate ttest; do echo "  $w $(best python3 "$work/py.py" $w "$work/data.csv")"; done
