#!/usr/bin/env bash
# examples/binwatch.yml, the config the demo runs, must pass `binwatch check config`
# (its sources, collector files, rule files and health checks), and must say so when
# the DSN's environment variable is missing rather than run without a database.
set -euo pipefail
cd "$(dirname "$0")/../.."
binwatch=$(swift build --show-bin-path)/binwatch
# The receivers' secrets come from the environment too (values only need to be set here).
export BINWATCH_SLACK_WEBHOOK_URL=http://127.0.0.1:9/slack BINWATCH_PAGERDUTY_ROUTING_KEY=example-key
BINWATCH_PG_DSN='host=/run/postgresql dbname=wms' "$binwatch" check config examples/binwatch.yml
if out=$(env -u BINWATCH_PG_DSN "$binwatch" check config examples/binwatch.yml 2>&1); then
    echo "examples: check config accepted examples/binwatch.yml without BINWATCH_PG_DSN" >&2
    exit 1
fi
grep -q 'examples/binwatch.yml:[0-9]*:[0-9]*: sources.postgres\[0\].dsn: expected environment variable BINWATCH_PG_DSN' <<<"$out" || {
    echo "examples: unexpected error without BINWATCH_PG_DSN:" >&2
    echo "$out" >&2
    exit 1
}
echo "examples: binwatch check config examples/binwatch.yml passes"
