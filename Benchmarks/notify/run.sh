#!/usr/bin/env bash
# Notify benchmark: builds NotifyBenchmark in release mode once and runs it.
# Needs python3 (the local receiver) and libcurl. Run from the repository root.
set -euo pipefail
swift build -c release --product NotifyBenchmark
"$(swift build -c release --show-bin-path)/NotifyBenchmark"
