#!/usr/bin/env bash
# The WMS rule set in rules/ must load in promtool and pass its unit tests in
# rules/tests/ (Prometheus 2.42's promtool, the Debian package; tests avoid the
# 2.42/3.x range-window differences so binwatch can run them unchanged).
set -euo pipefail
cd "$(dirname "$0")/../.."
promtool check rules rules/*.yml
promtool test rules rules/tests/*.yml
# binwatch test rules rules/tests/*.yml   # add once `binwatch test rules` exists (issue 4)
echo "rules: promtool check and unit tests pass"
