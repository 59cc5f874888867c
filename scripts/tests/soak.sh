#!/usr/bin/env bash
# A short soak in the test suite: scripts/soak.sh on the debug build with SOAK_CYCLES cycles
# (default 2500: 10 simulated hours, far past every retention: store 11 min, resolved alerts
# 15 min, notification log 20 min, bin ids 25 min), checking the same bounds as the long run:
# flat RSS over the second half, no growth of the series store, alerts, outbox, notification
# log, alert state or state file, every alert transition seen, every notification received.
set -euo pipefail
cd "$(dirname "$0")/../.."
SOAK_BUILD=debug exec scripts/soak.sh "${SOAK_CYCLES:-2500}"
