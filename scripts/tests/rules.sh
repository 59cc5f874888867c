#!/usr/bin/env bash
# The WMS rule set in rules/ must load in promtool and pass its unit tests in
# rules/tests/ (Prometheus 2.42's promtool, the Debian package; tests avoid the
# 2.42/3.x range-window differences), and the same in binwatch.
set -euo pipefail
cd "$(dirname "$0")/../.."
promtool check rules rules/*.yml
promtool test rules rules/tests/*.yml
# The same files through binwatch: both tools must give the same verdicts.
binwatch=$(swift build --show-bin-path)/binwatch
"$binwatch" check rules rules/*.yml
"$binwatch" test rules rules/tests/*.yml
echo "rules: promtool and binwatch check and unit tests pass"
