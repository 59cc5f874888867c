#!/usr/bin/env bash
# The web UI in a real browser: Debian's chromium, driven through chromedriver by Selenium
# (scripts/tests/ui_browser.py), against a running daemon with a firing alert, a local webhook
# receiver and a state file; JavaScript off, as the pages must work without it. Screenshots
# of every page land in $UI_SCREENSHOTS (default .build/ui-screenshots).
set -euo pipefail
cd "$(dirname "$0")/../.."
binwatch=$(swift build --show-bin-path)/binwatch
python3 -c "import selenium" 2>/dev/null || { echo "ui: selenium missing (scripts/setup.sh installs it)" >&2; exit 1; }
command -v chromedriver >/dev/null || { echo "ui: chromedriver missing (scripts/setup.sh installs chromium-driver)" >&2; exit 1; }
shots=${UI_SCREENSHOTS:-$PWD/.build/ui-screenshots}
mkdir -p "$shots"
tmp=$(mktemp -d)
pids=()
cleanup() {
    # `|| true`: under `set -e` a child's non-zero exit (143 after SIGTERM) would end the
    # trap before the next child is stopped.
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
    rm -rf "$tmp"
}
trap cleanup EXIT

# The receiver picks its port (0) and says which on stderr.
python3 scripts/lib/receiver.py 0 --out "$tmp/received.txt" >/dev/null 2>"$tmp/receiver.log" &
pids+=($!)
receiver=
for _ in $(seq 3000); do
    kill -0 "${pids[0]}" 2>/dev/null || { cat "$tmp/receiver.log" >&2; exit 1; }
    receiver=$(sed -n 's/^receiver listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$tmp/receiver.log")
    [[ -n $receiver ]] && break
    sleep 0.1
done
[[ -n $receiver ]] || { echo "ui: the receiver never said where it listens" >&2; exit 1; }

mkdir -p "$tmp/rules"
printf 'bin_utilization_cache_age_seconds{facility_id="F1"} 1200\nbin_utilization_cache_age_seconds{facility_id="F2"} 100\nbin_utilization_cache_age_seconds{facility_id="F3"} 100\n' >"$tmp/data.prom"
cat >"$tmp/rules/wms.yml" <<'YAML'
groups:
  - name: wms
    rules:
      - record: facility:cache_age_minutes
        expr: bin_utilization_cache_age_seconds / 60
      - alert: BinCacheStale
        expr: facility:cache_age_minutes > 15
        labels: {severity: warning}
        annotations: {summary: 'Putaway cache of {{ $labels.facility_id }} is {{ $value }} minutes old <stale>'}
YAML
cat >"$tmp/binwatch.yml" <<YAML
global: {evaluation_interval: 1s}
rule_files: [rules/*.yml]
sources:
  textfile: [{name: wms, path: $tmp/data.prom}]
health_checks:
  - {name: cacheAge, expr: 'max(facility:cache_age_minutes)', degraded_above: 15, unhealthy_above: 30}
web: {listen_address: "127.0.0.1:0"}
state: {path: $tmp/state.sqlite}
alerting:
  route: {receiver: wms, group_by: [alertname], group_wait: 1s, group_interval: 1s, repeat_interval: 1h}
  receivers:
    - name: wms
      webhook_configs: [{url: "http://127.0.0.1:$receiver/hook"}]
YAML
"$binwatch" run --config "$tmp/binwatch.yml" >"$tmp/binwatch.log" 2>&1 &
pids+=($!)
source scripts/lib/binwatch-ready.sh
port=$(binwatch_ready "$tmp/binwatch.log" "${pids[1]}" ui)

python3 scripts/tests/ui_browser.py --base "http://127.0.0.1:$port" --data "$tmp/data.prom" \
    --received "$tmp/received.txt" --shots "$shots" || {
    echo "ui: the browser test failed; binwatch's log:" >&2
    tail -n 40 "$tmp/binwatch.log" >&2
    exit 1
}
kill -0 "${pids[1]}" 2>/dev/null || { echo "ui: binwatch died during the run" >&2; cat "$tmp/binwatch.log" >&2; exit 1; }
if grep -q "http://127.0.0.1:$receiver/hook" "$tmp/binwatch.log"; then
    echo "ui: the webhook URL (a secret) reached the log" >&2
    exit 1
fi
echo "ui: every page checked in chromium with JavaScript off; screenshots in $shots"
