#!/usr/bin/env python3
"""Writes OUT_DIR/binwatch.yml: examples/binwatch.yml with its paths moved into OUT_DIR
(textfile, state) and made absolute (rules, collectors), for the demo and the benchmarks.

usage: example-config.py ROOT OUT_DIR [--interval 2s] [--port N | --no-web] [--scale-for N]
                         [--notify-port N] [--scrape-target HOST:PORT]

--scale-for N copies rules/*.yml into OUT_DIR/rules with every `for:` divided by N (the
demo's short run); without it the config reads rules/ unchanged. --notify-port N sends PagerDuty events to
127.0.0.1:N/pagerduty (Slack's URL is BINWATCH_SLACK_WEBHOOK_URL) and shortens the
route's group_wait/group_interval to 1s/4s, for the demo's receiver. --scrape-target
HOST:PORT points the graphql-api scrape job at a local exporter (the example warehouse has
no GraphQL API).
"""
import argparse
import pathlib
import re

parser = argparse.ArgumentParser()
parser.add_argument("root")
parser.add_argument("out")
parser.add_argument("--interval")
parser.add_argument("--port")
parser.add_argument("--no-web", action="store_true")
parser.add_argument("--scale-for", type=int)
parser.add_argument("--notify-port")
parser.add_argument("--scrape-target")
args = parser.parse_args()
root, out = pathlib.Path(args.root), pathlib.Path(args.out)

rules = f"{root}/rules/*.yml"
if args.scale_for:
    units = {"s": 1, "m": 60, "h": 3600}

    def scaled(match):
        seconds = int(match.group(2)) * units[match.group(3)] // args.scale_for
        return f"{match.group(1)}{max(seconds, 1)}s"

    (out / "rules").mkdir(exist_ok=True)
    for rule_file in sorted((root / "rules").glob("*.yml")):
        text = re.sub(r"^(\s+for: )(\d+)([smh])\s*$", scaled, rule_file.read_text(), flags=re.M)
        (out / "rules" / rule_file.name).write_text(text)
    rules = f"{out}/rules/*.yml"

config = (root / "examples/binwatch.yml").read_text()
moves = [
    ("- ../rules/*.yml", f"- {rules}"),
    ("collector_files: [collectors/*.yml]", f"collector_files: [{root}/examples/collectors/*.yml]"),
    ("textfile: /var/lib/prometheus/node-exporter/binwatch.prom", f"textfile: {out}/binwatch.prom"),
    ("path: /var/lib/binwatch/state.sqlite", f"path: {out}/state.sqlite"),
]
if args.interval:
    moves += [("evaluation_interval: 30s", f"evaluation_interval: {args.interval}"),
              ("source_timeout: 10s", f"source_timeout: {args.interval}")]
if args.port:
    moves.append(("listen_address: 127.0.0.1:9464", f"listen_address: 127.0.0.1:{args.port}"))
if args.notify_port:
    moves += [("group_wait: 30s", "group_wait: 1s"), ("group_interval: 5m", "group_interval: 4s"),
              ("- routing_key: ${BINWATCH_PAGERDUTY_ROUTING_KEY}",
               "- routing_key: ${BINWATCH_PAGERDUTY_ROUTING_KEY}\n"
               f"          url: http://127.0.0.1:{args.notify_port}/pagerduty")]
if args.scrape_target:
    moves.append(('targets: ["127.0.0.1:4000"]', f'targets: ["{args.scrape_target}"]'))
for old, new in moves:
    if old not in config:
        raise SystemExit(f"examples/binwatch.yml no longer contains {old!r}")
    config = config.replace(old, new)
if args.no_web:
    config = re.sub(r"^web:\n(  .*\n)+", "", config, flags=re.M)
(out / "binwatch.yml").write_text(config)
