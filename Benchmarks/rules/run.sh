#!/usr/bin/env bash
# Rule unit-test benchmark: a generated test file (200 rules, 2000 input series, 6h at 1m)
# through `binwatch test rules` (release) and `promtool test rules`, same verdict required;
# user+system time, wall time and peak RSS side by side (/usr/bin/time -v).
# Run by hand from the repository root: Benchmarks/rules/run.sh
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
