#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: the Swift suite and the shell
# suites in scripts/tests/. This is the README's test command and what CI runs. Each part's
# time is printed as it ends and again in a table at the end (scripts/stress-ci.sh reads it).
set -euo pipefail
cd "$(dirname "$0")/.."

timings=()
part() {  # part NAME COMMAND...: runs one part, records its time and verdict
    local name=$1 started=$SECONDS verdict=ok
    shift
    echo "== $name"
    "$@" || { echo "FAILED: $name"; verdict=FAILED; status=1; }
    timings+=("$(printf '%-34s %5ds  %s' "$name" $((SECONDS - started)) "$verdict")")
    echo "== $name: $((SECONDS - started)) s, $verdict"
}

status=0
part "setup and build" scripts/setup.sh
((status == 0)) || { printf '%s\n' "${timings[@]}"; exit 1; }
for t in scripts/tests/*.sh; do
    [[ -e $t ]] || continue
    part "$t" bash "$t"
done

# The Swift suite last, in two runs: the CPU-bound suites of the pure modules first, then
# the suites that talk to real servers and check timeouts. Swift Testing runs tests in
# parallel on a cooperative pool as wide as the machine (2 threads on CI): a CPU-bound
# test there starves the timers the I/O tests rely on.
pure='^(ModelTests|ConfigYAMLTests|ExpositionTests|PromQLTests|RulesTests|PackingCoreTests|StatisticsTests|DashboardTests)\.'
swift_pass() {  # swift_pass OUTPUT FILTER-ARGS...
    local out=$1
    shift
    swift test --skip-build "$@" 2>&1 | tee "$out"
    return "${PIPESTATUS[0]}"
}
part "swift test (pure modules)" swift_pass .build/test-output-pure.txt --filter "$pure"
# The suites that load the machine on purpose and then hold the scheduler to a one-cycle bound
# run last and alone: beside the I/O pass's real servers (Prometheus, VictoriaMetrics,
# Alertmanager, backfills) a busy 2-core machine left them no CPU to keep that bound.
load='\.(QueryIsolationTests|AlertmanagerAPIIsolationTests|HostileClientTests)\b'
part "swift test (I/O and real peers)" swift_pass .build/test-output-io.txt --skip "$pure" --skip "$load"
part "swift test (load isolation)" swift_pass .build/test-output-load.txt --filter "$load"

echo
echo "== time per part (scripts/test.sh)"
printf '%s\n' "${timings[@]}"
echo "== total: ${SECONDS} s"
exit $status
