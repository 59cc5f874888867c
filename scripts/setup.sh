#!/usr/bin/env bash
# Installs what binwatch needs on a fresh Debian machine (idempotent), then builds it.
# Usage: scripts/setup.sh [--release]
set -euo pipefail
cd "$(dirname "$0")/.."

# The Debian packages DESIGN.md names: libraries binwatch links, and the real peers
# its tests cross-check against (PostgreSQL, promtool/Prometheus, Alertmanager, node_exporter).
packages=(postgresql libpq-dev libcurl4-openssl-dev libyaml-dev libsqlite3-dev pkg-config bc
          prometheus prometheus-alertmanager prometheus-node-exporter
          libsnappy-dev victoria-metrics  # remote write: snappy bodies; VictoriaMetrics as a second receiver
          protobuf-compiler  # protoc, for scripts/generate-protobuf.sh only (the build does not run it)
          nats-server  # nats_configs: the tests publish to a private nats-server (JetStream on) on loopback
          apache2-utils  # htpasswd: bcrypt hashes for the web config tests
          tzdata  # time intervals' `location:` zones, read by Foundation from /usr/share/zoneinfo
          chromium chromium-driver  # the web UI's browser tests (scripts/tests/ui.sh, through Selenium)
          python3-aiosmtpd)  # the SMTP server the email tests mail (binwatch and Alertmanager alike)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}"
    sudo=""
    [[ $(id -u) -eq 0 ]] || sudo="sudo"
    $sudo apt-get update -qq
    # The Debian packages start their own services on install; binwatch's tests start
    # private instances on free loopback ports instead, so the system ones are not needed.
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Python is only a test oracle (scipy reference values, YAML-reading checkers).
python3 -c "import yaml, numpy, scipy" 2>/dev/null || python3 -m pip install -q pyyaml numpy scipy
# bcrypt: the web config tests hash basic-auth passwords as users do (exporter-toolkit's docs).
python3 -c "import bcrypt" 2>/dev/null || python3 -m pip install -q bcrypt
# schemathesis: scripts/tests/openapi.sh fuzzes the HTTP API from docs/openapi.yaml.
command -v schemathesis >/dev/null || python3 -m pip install -q schemathesis
# selenium: scripts/tests/ui.sh drives Debian's chromium through chromedriver.
python3 -c "import selenium" 2>/dev/null || python3 -m pip install -q selenium

command -v swift >/dev/null || { echo "setup: swift (6.x) is not on PATH" >&2; exit 1; }

if [[ ${1:-} == --release ]]; then
    swift build -c release
else
    swift build --build-tests
fi
