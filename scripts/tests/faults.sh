#!/usr/bin/env bash
# Fault injection (issue 11): the debug `binwatch run` against a real PostgreSQL that is
# stopped, restarted, slowed and starved of connections; Slack/PagerDuty/webhook receivers
# that refuse, hang, answer 500/429 or garbage; a real Alertmanager; a textfile directory
# made read-only and full; and SIGKILL at random points in 50 consecutive runs. Every
# (group, state) notification must arrive exactly once. The series WAL (issue 15): SIGTERM and
# SIGKILL restarts against a scrape target with range rules (history: no resolve, no re-page,
# activeAt and rate() unchanged), and its folder full (wal-disk). The harness is scripts/faults/
# (FAULTS_SEED=N replays a run's random kill points; FAULTS_KILL_RUNS=N changes the count;
# FAULTS_HISTORY_RESTARTS=N the history scenario's SIGTERM and SIGKILL restarts, 20 each).
set -euo pipefail
cd "$(dirname "$0")/../.."
args=(--kill-runs "${FAULTS_KILL_RUNS:-50}" --history-restarts "${FAULTS_HISTORY_RESTARTS:-20}")
[[ -n ${FAULTS_SEED:-} ]] && args+=(--seed "$FAULTS_SEED")
exec python3 scripts/faults/run.py "${args[@]}"
