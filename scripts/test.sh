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

# The Swift suite last, so its closing summary is the last thing printed.
swift test --skip-build 2>&1 | tee .build/test-output.txt || status=1
exit $status
