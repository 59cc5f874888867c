#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: the Swift suite and the shell
# suites in scripts/tests/. This is the README's test command and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

status=0
for t in scripts/tests/*.sh; do
    [[ -e $t ]] || continue
    echo "== $t"
    bash "$t" || { echo "FAILED: $t"; status=1; }
done

# The Swift suite last, in two runs: the CPU-bound suites of the pure modules first, then
# the suites that talk to real servers and check timeouts. Swift Testing runs tests in
# parallel on a cooperative pool as wide as the machine (2 threads on CI): a CPU-bound
# test there starves the timers the I/O tests rely on.
pure='^(ModelTests|ExpositionTests|PromQLTests|RulesTests|PackingCoreTests|StatisticsTests|DashboardTests)\.'
swift test --skip-build --filter "$pure" 2>&1 | tee .build/test-output-pure.txt || status=1
swift test --skip-build --skip "$pure" 2>&1 | tee .build/test-output-io.txt || status=1
exit $status
