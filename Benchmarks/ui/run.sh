#!/usr/bin/env bash
# Web UI benchmark (issue 17): server time and HTML size of each page with 1,000 alerting
# rules and 10,000 active alerts, beside Prometheus 2.42 answering /api/v1/rules and
# /api/v1/alerts over the same rules and series (it scrapes the page binwatch reads as a
# textfile). Targets: each page under 50 ms, under 300 KB of HTML per page of results.
# Run by hand from the repository root (release build): Benchmarks/ui/run.sh [REQUESTS]
# BINWATCH_BENCH_JSON=FILE: also write the figures as JSON for scripts/perf-report.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
requests=${1:-30}
work=$(mktemp -d)
pids=()
cleanup() {
    # `|| true`: under `set -e` a child's non-zero exit (143 after SIGTERM) would end the
    # trap before the next child is stopped (a Prometheus was left running that way).
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
# BINWATCH_BIN=PATH: an already built release binary (e.g. from another scratch path).
if [[ -n ${BINWATCH_BIN:-} ]]; then
    binwatch=$BINWATCH_BIN
else
    swift build -c release --product binwatch --package-path "$root" >/dev/null
    binwatch="$root/.build/release/binwatch"
fi

python3 "$root/Benchmarks/ui/generate.py" "$work"
port_of() { sed -n "s/$2/\1/p" "$1" | head -1; }
wait_port() { # log, pattern, pid
    local port=
    for _ in $(seq 6000); do
        kill -0 "$3" 2>/dev/null || { cat "$1" >&2; exit 1; }
        port=$(port_of "$1" "$2")
        [[ -n $port ]] && { echo "$port"; return; }
        sleep 0.1
    done
    echo "no port in $1" >&2; exit 1
}

"$binwatch" run --config "$work/binwatch.yml" >"$work/binwatch.log" 2>&1 &
pids+=($!)
bw=$(wait_port "$work/binwatch.log" '.*Server started and listening on 127\.0\.0\.1:\([0-9]*\).*' "${pids[-1]}")

python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$work/page" >"$work/page.log" 2>&1 &
pids+=($!)
page=$(wait_port "$work/page.log" '.*port \([0-9]*\).*' "${pids[-1]}")
sed "s/PAGE_PORT/$page/" "$work/prometheus.yml.in" >"$work/prometheus.yml"
# Prometheus logs the address it was given, not the port it bound: pick one (a benchmark run by
# hand can live with the small race).
prom=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
    --web.listen-address="127.0.0.1:$prom" >"$work/prometheus.log" 2>&1 &
pids+=($!)

alerts_of() { curl -s "$1/api/v1/alerts" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["data"]["alerts"]))' 2>/dev/null || echo 0; }
for base in "http://127.0.0.1:$bw" "http://127.0.0.1:$prom"; do
    for _ in $(seq 1200); do
        [[ $(alerts_of "$base") == 10000 ]] && break
        sleep 0.5
    done
    [[ $(alerts_of "$base") == 10000 ]] || { echo "$base never had 10,000 alerts" >&2; exit 1; }
done

python3 "$root/Benchmarks/ui/measure.py" "$requests" "http://127.0.0.1:$bw" "http://127.0.0.1:$prom"
