#!/usr/bin/env bash
# Rule unit-test benchmark: a generated test file (200 rules, 2000 input series, 6h at 1m)
# through `binwatch test rules` (release) and `promtool test rules`, same verdict required;
# user+system time, wall time and peak RSS side by side (/usr/bin/time -v).
# Run by hand from the repository root: Benchmarks/rules/run.sh
# BINWATCH_BENCH_JSON=FILE: also write the figures as JSON (Benchmarks/lib/benchjson.py) for
# scripts/perf-report.sh. The test file is fixed (generate.py): no quick mode.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$root/Benchmarks/rules/generate.py" "$work"
swift build -c release --product binwatch --package-path "$root" >/dev/null
binwatch="$root/.build/release/binwatch"

measure() { # name, command...
    local name=$1; shift
    local status=0
    (cd "$work" && /usr/bin/time -v "$@" bench-test.yml) >"$work/$name.out" 2>"$work/$name.time" || status=$?
    local user sys wall rss
    user=$(awk -F': ' '/User time/ {print $2}' "$work/$name.time")
    sys=$(awk -F': ' '/System time/ {print $2}' "$work/$name.time")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/$name.time")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$name.time")
    printf '%-9s exit %d  user %6.2fs  sys %5.2fs  cpu %6.2fs  wall %8s  peak RSS %7.1f MiB\n' \
        "$name" "$status" "$user" "$sys" "$(echo "$user + $sys" | bc)" "$wall" "$(echo "scale=1; $rss / 1024" | bc)"
    echo "$status" >"$work/$name.status"
}

measure binwatch "$binwatch" test rules
if command -v promtool >/dev/null; then
    measure promtool promtool test rules
    if [ "$(cat "$work/binwatch.status")" != "$(cat "$work/promtool.status")" ]; then
        echo "VERDICTS DIFFER" >&2
        exit 1
    fi
else
    echo "promtool not installed: no comparison"
fi

[ -n "${BINWATCH_BENCH_JSON:-}" ] || exit 0
python3 - "$root" "$work" <<'PY'
import os, re, sys
root, work = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(root, "Benchmarks", "lib"))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import benchjson

def measured(name):
    path = os.path.join(work, name + ".time")
    if not os.path.exists(path):
        return None
    text = open(path).read()
    field = lambda label: re.search(re.escape(label) + r": (.*)", text).group(1).strip()
    wall = 0.0
    for part in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":"):
        wall = wall * 60 + float(part)
    return {"cpu": float(field("User time (seconds)")) + float(field("System time (seconds)")), "wall": wall,
            "rss": int(field("Maximum resident set size (kbytes)")) / 1024,
            "status": int(open(os.path.join(work, name + ".status")).read())}

b, p = measured("binwatch"), measured("promtool")
promtool = benchjson.tool_version("promtool") if p else None
pick = lambda m, k: m[k] if m else None
verdict = f"exit status binwatch {b['status']}, promtool {p['status']}" if p else "promtool absent"
rows = [
    benchjson.row("test rules: CPU time (user + sys)", b["cpu"], pick(p, "cpu"), promtool, "s",
                  f"200 rules, 2000 series, 6h at 1m; same verdict ({verdict})"),
    benchjson.row("test rules: wall time", b["wall"], pick(p, "wall"), promtool, "s", "/usr/bin/time -v"),
    benchjson.row("test rules: peak RSS", b["rss"], pick(p, "rss"), promtool, "MiB", "/usr/bin/time -v"),
]
benchjson.write("rules", rows)
PY
