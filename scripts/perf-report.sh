#!/usr/bin/env bash
# Writes docs/PERFORMANCE.md from the benchmarks: builds release once, runs every benchmark
# area with BINWATCH_BENCH_JSON set, collects the JSON (binwatch's figure and its anchor's,
# measured in the same run) and renders the tables with scripts/lib/perf_report.py.
#
#   scripts/perf-report.sh [--only AREA,AREA] [--quick] [--reuse DIR | --results DIR]
#                          [--out FILE] [--no-build] [--list]
#
#   --only LIST    run only these areas (exposition, promql, rules, sql, statistics, packing,
#                  notify, daemon, soak, or any other Benchmarks/<area>/run.sh)
#   --quick        smaller sizes where the benchmark has them (BINWATCH_BENCH_QUICK=1; the
#                  daemon runs 100 cycles on 10k recommendations); the document says so
#   --results DIR  where the per-area JSON and logs go (default .build/perf-results); emptied first
#   --reuse DIR    like --results, but keeps what DIR holds: areas already run there (with or
#                  without a result) are not run again unless named in --only (run areas one at
#                  a time, then merge; with nothing left to run, it only rewrites the document)
#   --out FILE     the document (default docs/PERFORMANCE.md)
#   --note TEXT    a note for the document's header (e.g. how loaded the machine was)
#   --no-build     skip `swift build -c release` (the scripts still build what they miss)
#   --list         print the areas found and exit
#
# An area whose script is absent, fails, or writes no JSON gets a "not measured" row in the
# document with the reason: never a number from anywhere else.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
invocation="scripts/perf-report.sh"
for arg in "$@"; do  # quoted for a shell reader only where needed
    if [[ $arg =~ ^[A-Za-z0-9_./,=:+-]+$ ]]; then invocation+=" $arg"; else invocation+=" '${arg//\'/\'\\\'\'}'"; fi
done

note="" only="" quick=0 results="" reuse=0 out="docs/PERFORMANCE.md" build=1 list=0
while [ $# -gt 0 ]; do
    case $1 in
        --only) only=${2:?--only needs a list}; shift 2 ;;
        --quick) quick=1; shift ;;
        --results) results=${2:?--results needs a directory}; shift 2 ;;
        --reuse) results=${2:?--reuse needs a directory}; reuse=1; shift 2 ;;
        --out) out=${2:?--out needs a file}; shift 2 ;;
        --no-build) build=0; shift ;;
        --note) note=${2?--note needs a text}; shift 2 ;;
        --list) list=1; shift ;;
        -h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "perf-report.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
results=${results:-.build/perf-results}

# The areas, in the document's order: the issues' anchors first, then whatever else exists.
known="exposition promql rules sql statistics packing notify daemon soak"
areas=$known
for dir in Benchmarks/*/; do
    area=$(basename "$dir")
    [ -f "$dir/run.sh" ] || continue
    case " $areas " in *" $area "*) ;; *) areas="$areas $area" ;; esac
done
script_of() { if [ "$1" = soak ]; then echo scripts/soak.sh; else echo "Benchmarks/$1/run.sh"; fi; }
# Arguments for quick mode, for scripts that take sizes only as positional arguments.
quick_args_of() { if [ "$1" = daemon ]; then echo "100 10000 1000"; fi; }

if [ "$list" = 1 ]; then
    for area in $areas; do
        s=$(script_of "$area"); [ -f "$s" ] && echo "$area  $s" || echo "$area  ($s absent)"
    done
    exit 0
fi
if [ -n "$only" ]; then
    for area in ${only//,/ }; do
        case " $areas " in *" $area "*) ;; *) echo "perf-report.sh: no area '$area' (areas: $areas)" >&2; exit 2 ;; esac
    done
fi

if [ "$reuse" = 0 ]; then rm -rf "$results"; fi
mkdir -p "$results"
shown=$results  # as the reader typed it, for the document's commands
results=$(cd "$results" && pwd)
report_start=$SECONDS
echo "$(date -u '+%Y-%m-%d %H:%M UTC')  $invocation" >>"$results/invocations.txt"

# The machine and tool versions of this run (the document prints them).
machine() {
    python3 - "$results/machine.json" "$root" "$quick" <<'PY'
import datetime, json, os, platform, re, subprocess, sys
out, root, quick = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
sys.path.insert(0, os.path.join(root, "Benchmarks", "lib"))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import benchjson
def read(path, pattern):
    try:
        m = re.search(pattern, open(path).read(), re.M)
        return m.group(1).strip() if m else None
    except OSError:
        return None
def sh(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, cwd=root).stdout.strip()
    except OSError:
        return ""
mem_kib = read("/proc/meminfo", r"^MemTotal:\s+(\d+)")
doc = {
    "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    "nproc": os.cpu_count(),
    "cpu": read("/proc/cpuinfo", r"^model name\s*:\s*(.*)$"),
    "ram_gib": round(int(mem_kib) / 1048576, 1) if mem_kib else None,
    "os": (read("/etc/os-release", r'^PRETTY_NAME="?([^"\n]*)') or platform.system()) + ", kernel " + platform.release(),
    "load_average": os.getloadavg()[0],
    "commit": sh("git", "rev-parse", "--short", "HEAD") + (" (with uncommitted changes)" if sh("git", "status", "--porcelain", "--untracked-files=no") else ""),
    "quick": quick,
    "versions": {t: benchjson.tool_version(t) for t in ("swift", "promtool", "prometheus", "psql", "scipy")},
    "hyperfine": sh("hyperfine", "--version") or None,
}
json.dump(doc, open(out, "w"), indent=1)
PY
}

if [ "$build" = 1 ]; then
    echo "== swift build -c release (every product, benchmark targets included)" >&2
    build_start=$SECONDS
    swift build -c release 2>&1 | tail -3 >&2
    echo "$((SECONDS - build_start))" >"$results/build.seconds"
fi
# A merged run (--reuse) keeps the machine description of the run that started the directory;
# each area's own commit and load are in its .meta.
[ "$reuse" = 1 ] && [ -s "$results/machine.json" ] || machine
commit=$(git rev-parse --short HEAD)
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then commit+="+changes"; fi

for area in $areas; do
    script=$(script_of "$area")
    run=0
    if [ -n "$only" ]; then
        case ",$only," in *",$area,"*) run=1 ;; esac
    elif [ "$reuse" = 0 ] || { [ ! -s "$results/$area.json" ] && [ ! -s "$results/$area.meta" ]; }; then
        run=1
    fi
    [ "$run" = 1 ] || continue
    rm -f "$results/$area".{json,log,meta}
    if [ ! -f "$script" ]; then
        printf '{"reason": "%s is absent"}\n' "$script" >"$results/$area.meta"
        echo "== $area: $script absent, not measured" >&2
        continue
    fi
    args=""; [ "$quick" = 1 ] && args=$(quick_args_of "$area")
    command="BINWATCH_BENCH_JSON=$shown/$area.json"
    [ "$quick" = 1 ] && command+=" BINWATCH_BENCH_QUICK=1"
    command+=" $script${args:+ $args}"
    echo "== $area: $command" >&2
    load_before=$(cut -d' ' -f1 /proc/loadavg)
    start=$SECONDS
    status=0
    # shellcheck disable=SC2086 # args are the words listed in quick_args_of
    BINWATCH_BENCH_JSON="$results/$area.json" BINWATCH_BENCH_QUICK="$quick" \
        bash "$script" $args >"$results/$area.log" 2>&1 || status=$?
    seconds=$((SECONDS - start))
    load_after=$(cut -d' ' -f1 /proc/loadavg)
    echo "   exit $status after ${seconds}s (log: $results/$area.log)" >&2
    python3 - "$results/$area.meta" "$command" "$status" "$seconds" "$load_before" "$load_after" "$quick" "$commit" <<'PY'
import datetime, json, sys
path, command, status, seconds, before, after, quick, commit = sys.argv[1:]
json.dump({"command": command, "status": int(status), "seconds": int(seconds), "commit": commit,
           "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
           "load_before": float(before), "load_after": float(after), "quick": quick == "1"}, open(path, "w"))
PY
done

[ -n "$note" ] && printf '%s\n' "$note" >"$results/note.txt"
mkdir -p "$(dirname "$out")"
python3 scripts/lib/perf_report.py "$results" "$areas" >"$out"
echo "wrote $out from $results in $((SECONDS - report_start))s" >&2
