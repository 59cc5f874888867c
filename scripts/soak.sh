#!/usr/bin/env bash
# Soak (issue 11): CYCLES daemon cycles (default 100000, 15 s each: 17 simulated days) on an
# injected clock, with a source whose series churn (bin ids rotate: unbounded series ever
# seen, 200 live) and alerts that flap (pending, firing, keep_firing_for, resolved, firing
# again), through the whole daemon path: rule groups, health checks, the textfile and the
# SQLite state written every cycle, and the notification pipeline (dispatcher, SQLite outbox
# and notification log, real libcurl requests to a loopback receiver) with group_wait,
# group_interval, repeat_interval and the log's retention elapsing in simulated time.
# Prints a sample table every CYCLES/50 cycles and the verdict; exits non-zero when memory
# (fitted RSS rise over the second half > 2 MiB) or any store (series, alerts, outbox,
# notification log, alert state, state file size) grows. docs/SOAK.md has the details.
#
# usage: scripts/soak.sh [CYCLES]          release build (by hand; about 10 min for 100k)
#   SOAK_BUILD=debug scripts/soak.sh 5000  debug build (scripts/tests/soak.sh)
#   BINWATCH_BENCH_JSON=/path/soak.json    also write the figures for docs/PERFORMANCE.md
#   SOAK_ARGS='--rss-tolerance-mib 3'      extra harness options (binwatch-soak --help)
#   SOAK_BIN=path/BinwatchSoak             use a harness already built
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cycles=${1:-100000}
build=${SOAK_BUILD:-release}

if [[ -n ${SOAK_BIN:-} ]]; then
    bin=$SOAK_BIN  # a harness built before (e.g. to soak one build twice)
else
    swift build -c "$build" --product BinwatchSoak --package-path "$root" >/dev/null 2>&1 \
        || swift build -c "$build" --product BinwatchSoak --package-path "$root"
    bin="$(swift build -c "$build" --show-bin-path --package-path "$root")/BinwatchSoak"
fi

# The state file on tmpfs when there is one: the soak measures growth, not the disk's fsync.
base=/dev/shm; [[ -d $base && -w $base ]] || base=${TMPDIR:-/tmp}
SOAK_DIR=$(mktemp -d "$base/binwatch-soak.XXXXXX")
receiver_pid=
cleanup() {
    [[ -n $receiver_pid ]] && kill "$receiver_pid" 2>/dev/null || true
    rm -rf "$SOAK_DIR"
}
trap cleanup EXIT

# The receiver prints its port on its first line.
python3 -u "$root/Benchmarks/soak/receiver.py" >"$SOAK_DIR/receiver.port" 2>"$SOAK_DIR/receiver.err" &
receiver_pid=$!
# Waits on the event, not a time: the bound only ends a failure (a receiver that died).
for _ in $(seq 1200); do
    [[ -s $SOAK_DIR/receiver.port ]] && break
    kill -0 "$receiver_pid" 2>/dev/null || break
    sleep 0.1
done
port=$(head -1 "$SOAK_DIR/receiver.port")
[[ $port =~ ^[0-9]+$ ]] || { echo "soak: the receiver did not start" >&2; cat "$SOAK_DIR/receiver.err" >&2; exit 1; }
export SOAK_DIR SOAK_RECEIVER="http://127.0.0.1:$port"
export SOAK_OPS_URL=$SOAK_RECEIVER/ops SOAK_SLACK_URL=$SOAK_RECEIVER/slack SOAK_TICKETS_URL=$SOAK_RECEIVER/tickets

json_args=()
[[ -n ${BINWATCH_BENCH_JSON:-} ]] && json_args=(--bench-json "$BINWATCH_BENCH_JSON")
status=0
# shellcheck disable=SC2086
"$bin" --config "$root/Benchmarks/soak/config/binwatch.yml" --cycles "$cycles" "${json_args[@]}" ${SOAK_ARGS:-} \
    2>"$SOAK_DIR/soak.err" | tee "$SOAK_DIR/soak.out" || status=$?
if [[ -s $SOAK_DIR/soak.err ]]; then
    # "source timed out, still_running=true": a cycle that began before the actor had processed
    # the previous collection's end (cycles here run back to back; docs/SOAK.md).
    echo "daemon log (warnings and errors): $(wc -l <"$SOAK_DIR/soak.err") lines," \
        "$(grep -c 'still_running=true' "$SOAK_DIR/soak.err" || true) of them 'source timed out, still_running=true'; the last ones:"
    tail -3 "$SOAK_DIR/soak.err"
fi

# Every request the daemon counted as delivered reached the receiver (and nothing more).
received=$(python3 -c 'import json,sys; print(sum(v["requests"] for v in json.load(sys.stdin).values()))' \
    < <(curl -sf "$SOAK_RECEIVER/stats"))
sent=$(sed -n 's/^notifications: \([0-9]*\) requests.*/\1/p' "$SOAK_DIR/soak.out")
if [[ -n $sent && $sent == "$received" ]]; then
    echo "ok   receiver: $received requests received, as many as the daemon sent"
else
    echo "FAIL receiver: $received requests received, the daemon sent ${sent:-?}"
    status=1
fi
exit $status
