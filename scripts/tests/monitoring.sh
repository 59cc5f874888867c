#!/usr/bin/env bash
# The deployment files in monitoring/ must load in the real tools that read them.
set -euo pipefail
cd "$(dirname "$0")/../.."
promtool check config monitoring/prometheus.yml
amtool check-config monitoring/alertmanager.yml
echo "monitoring: prometheus.yml and alertmanager.yml valid"
