#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer + AddressSanitizer and runs each for N seconds, one at a
# time (the machine is shared). New corpus entries go to a scratch directory, not to the committed
# seeds; crashes, timeouts and OOMs go to Fuzz/<Target>/crashes/. docs/FUZZING.md: how to read the
# output, how a crash becomes a regression.
#
# usage: scripts/fuzz.sh [seconds-per-target] [Target...]   (default 30 s, every target)
# env:   FUZZ_JOBS (parallel fuzzing processes per target, default 1)
#        FUZZ_WORK (scratch corpus directory, default .build-fuzz/work)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
shift || true
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
    targets=(FuzzPromQLParser FuzzRuleFile FuzzTemplate FuzzExposition FuzzOpenMetrics FuzzProbeInput FuzzAnalyzeCSV)
fi
work=${FUZZ_WORK:-.build-fuzz/work}

# Bytes libFuzzer may grow an input to: long enough for a rule group or a multi-family scrape,
# short enough that the mutations stay dense.
max_len() {
    case $1 in
        FuzzPromQLParser) echo 1024 ;;
        FuzzTemplate) echo 1024 ;;
        FuzzRuleFile) echo 8192 ;;
        FuzzProbeInput) echo 8192 ;;
        *) echo 4096 ;;
    esac
}

build=(swift build -c debug --build-path .build-fuzz
       -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING)
for t in "${targets[@]}"; do
    "${build[@]}" --product "$t" 2>&1 | grep -Ev "warning: Cannot export local symbol|^\[" || true
    [[ -x .build-fuzz/debug/$t ]] || { echo "fuzz.sh: build of $t failed" >&2; exit 1; }
done

# Swift's own crash backtracer reads memory ASan flags as overflows; let libFuzzer report traps.
export SWIFT_BACKTRACE=enable=no
# Leaks inside Foundation's regex compiler are upstream's (Fuzz/lsan.supp); ours still fail.
export LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan.supp:print_suppressions=0"
# -jobs forks workers that log to fuzz-N.log in the current directory; with one job, fuzz in-process.
parallel=()
if [[ ${FUZZ_JOBS:-1} -gt 1 ]]; then parallel=(-jobs="$FUZZ_JOBS" -workers="$FUZZ_JOBS"); fi
status=0
for t in "${targets[@]}"; do
    mkdir -p "$work/$t" "Fuzz/$t/crashes"
    echo "== $t: ${seconds}s, -max_len=$(max_len "$t")"
    log=$work/$t.log
    set +e
    # The first corpus directory receives new inputs: the scratch one, so the seeds stay as generated.
    .build-fuzz/debug/"$t" "$work/$t" "Fuzz/$t/corpus" "Fuzz/$t/regressions" \
        -max_total_time="$seconds" -max_len="$(max_len "$t")" -timeout=10 -rss_limit_mb=2048 \
        "${parallel[@]}" \
        -artifact_prefix="Fuzz/$t/crashes/" -print_final_stats=1 >"$log" 2>&1
    rc=$?
    set -e
    # One line per run for docs/FUZZING.md: date, target, seconds, exit, libFuzzer's last status line.
    echo "$(date -u +%FT%TZ) $t ${seconds}s rc=$rc $(grep -E '^#[0-9]+' "$log" | tail -1)" >>"$work/summary.txt"
    grep -E "^#[0-9]+[[:space:]]+(INITED|DONE)|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb" "$log" || true
    if [[ $rc -ne 0 ]]; then
        echo "FUZZ FAILURE in $t (exit $rc): see $log and Fuzz/$t/crashes/"
        grep -E "^(==[0-9]+==ERROR|SUMMARY|Fatal error|.*fuzz invariant failed|artifact_prefix)" "$log" | head -5
        status=1
    fi
done
exit $status
