#!/usr/bin/env bash
# Runs the README's test command as CI does (`CI=true bash .ci/run`) on a fresh clone of the
# committed HEAD, RUNS times in a row, while BUSY processes spin on the CPUs the whole time:
# the conditions under which a flaky test shows itself. The clone gets ../shared beside it
# (a link to this checkout's), as CI has. Each run's log and per-part times are kept.
#
# usage: scripts/stress-ci.sh [--busy N] [--runs K] [--unloaded U] [--keep] [--dir DIR]
#   --busy N      busy-loop processes beside the runs (default 2, as the issue's bar says)
#   --runs K      consecutive runs in the same clone (default 3; the first one builds)
#   --unloaded U  then U more runs in the same clone with the busy loops stopped (default 0)
#   --dir DIR  where to clone (default a new folder under /tmp); --keep keeps it
# Exit status 1 when any run failed. A summary table ends the output.
set -euo pipefail
busy=2 runs=3 unloaded=0 keep=0 dir=""
while (($#)); do
    case $1 in
        --busy) busy=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --unloaded) unloaded=$2; shift 2 ;;
        --keep) keep=1; shift ;;
        --dir) dir=$2; shift 2 ;;
        *) echo "usage: $0 [--busy N] [--runs K] [--unloaded U] [--keep] [--dir DIR]" >&2; exit 2 ;;
    esac
done
source_repo=$(cd "$(dirname "$0")/.." && pwd)
[[ -n $dir ]] || dir=$(mktemp -d /tmp/binwatch-stress-ci.XXXXXX)
mkdir -p "$dir"
git clone -q "$source_repo" "$dir/main"
[[ -d $source_repo/../shared ]] && ln -sfn "$(cd "$source_repo/../shared" && pwd)" "$dir/shared"
echo "stress-ci: $(git -C "$dir/main" log -1 --format='%h %s') in $dir/main; $busy busy loops; $runs runs"

pids=()
cleanup() {
    ((${#pids[@]})) && kill "${pids[@]}" 2>/dev/null || true
    ((keep)) || rm -rf "$dir"
}
trap cleanup EXIT
for ((i = 0; i < busy; i++)); do
    python3 -c 'while True: pass' </dev/null &
    pids+=($!)
done

results=() failed=0
for ((run = 1; run <= runs + unloaded; run++)); do
    log="$dir/run-$run.log"
    started=$SECONDS
    load="$busy busy loops"
    if ((run > runs)); then
        ((${#pids[@]})) && { kill "${pids[@]}" 2>/dev/null || true; wait "${pids[@]}" 2>/dev/null || true; pids=(); }
        load="unloaded"
    fi
    echo "stress-ci: run $run of $((runs + unloaded)), $load (log $log)"
    if (cd "$dir/main" && CI=true bash .ci/run) >"$log" 2>&1 </dev/null; then verdict=passed; else verdict=FAILED; failed=1; fi
    seconds=$((SECONDS - started))
    results+=("run $run ($load): $verdict in ${seconds} s")
    echo "stress-ci: run $run $verdict in ${seconds} s"
    sed -n '/^== time per part/,$p' "$log"
    if [[ $verdict == FAILED ]]; then
        grep -E '^FAILED|\[FAIL\]|✘ Test .* (failed|recorded)|error:' "$log" | head -40 || true
        if ((!keep)); then
            cp "$log" "/tmp/binwatch-stress-ci-run-$run.log"
            echo "stress-ci: log kept in /tmp/binwatch-stress-ci-run-$run.log"
        fi
    fi
done
echo
echo "stress-ci summary ($(nproc) CPUs):"
printf '  %s\n' "${results[@]}"
exit $failed
