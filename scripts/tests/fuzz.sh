#!/usr/bin/env bash
# Fuzzing in the test suite. Replays every committed input (the seed corpora and the crash
# regressions, Fuzz/<Target>/{corpus,regressions}/) through each fuzz harness in the normal debug
# build: no libFuzzer, seconds in all. A regression that crashes again fails the suite.
#
# The time-boxed libFuzzer run (FUZZ_SECONDS per target, with the sanitizer build) is opt-in:
# FUZZ_SECONDS=10 scripts/tests/fuzz.sh. It is off by default because the sanitizer build alone
# takes minutes on a 2-core CI machine (docs/FUZZING.md has the measurements); scripts/fuzz.sh is
# the long run.
set -euo pipefail
cd "$(dirname "$0")/../.."
targets=(FuzzPromQLParser FuzzRuleFile FuzzTemplate FuzzExposition FuzzOpenMetrics FuzzProbeInput FuzzAnalyzeCSV)

for t in "${targets[@]}"; do
    swift build --product "$t" 2>&1 | grep -E "error:|Compiling|Build of" | grep -v "^\[" || true
done
bin=$(swift build --show-bin-path)
status=0
for t in "${targets[@]}"; do
    log=$(mktemp)
    if SWIFT_BACKTRACE=enable=no "$bin/$t" "Fuzz/$t/corpus" "Fuzz/$t/regressions" >"$log" 2>&1; then
        regressions=$(find "Fuzz/$t/regressions" -type f ! -name '.*' | wc -l)
        echo "$t: $(tail -1 "$log") ($regressions crash regressions)"
    else
        echo "FAILED: $t crashed replaying $(grep '^replaying ' "$log" | tail -1 | cut -d' ' -f2-)"
        grep -Ev '^replaying ' "$log" | head -20
        status=1
    fi
    rm -f "$log"
done

if [[ -n ${FUZZ_SECONDS:-} ]]; then
    scripts/fuzz.sh "$FUZZ_SECONDS" "${targets[@]}" || status=1
fi
[[ $status -eq 0 ]] && echo "fuzz: every corpus and crash regression replays without a crash"
exit $status
