#!/usr/bin/env python3
"""Runs every query of binwatch SQL collector files against PostgreSQL through psql.

For each metric: the file has the keys of the collector format (issue 5 item 2),
the query runs in a read-only session and returns at least one row, every
key_labels and values column exists, every value is numeric or NULL with at least
one non-NULL, and no two rows share a label set (duplicate series). Exit 1 on any
failure. Usage: check-collector-queries.py --host SOCKETDIR --dbname DB FILE...
"""
import argparse
import csv
import io
import os
import re
import subprocess
import sys

import yaml

METRIC_NAME = re.compile(r"^[a-zA-Z_:][a-zA-Z0-9_:]*$")
LABEL_NAME = re.compile(r"^[a-zA-Z_][a-zA-Z0-9_]*$")
COLLECTOR_KEYS = {"collector_name", "min_interval", "metrics"}
METRIC_KEYS = {"metric_name", "type", "help", "key_labels", "static_labels", "values", "value_label", "query"}


def run_query(args, query):
    env = dict(os.environ, PGOPTIONS="-c default_transaction_read_only=on -c statement_timeout=30000")
    out = subprocess.run(
        ["psql", "-X", "-q", "--csv", "-v", "ON_ERROR_STOP=1", "-h", args.host, "-U", "postgres",
         "-d", args.dbname, "-c", query],
        capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip())
    return list(csv.DictReader(io.StringIO(out.stdout)))


def check_metric(args, path, collector, metric):
    problems = []
    name = metric.get("metric_name", "?")
    unknown = set(metric) - METRIC_KEYS
    if unknown:
        problems.append(f"unknown keys {sorted(unknown)}")
    if not METRIC_NAME.match(str(name)):
        problems.append("invalid metric_name")
    if metric.get("type") not in ("gauge", "counter"):
        problems.append(f"type must be gauge or counter, got {metric.get('type')!r}")
    if metric.get("type") == "counter" and not str(name).endswith("_total"):
        problems.append("a counter's name should end in _total")
    if not metric.get("help"):
        problems.append("help is required")
    keys = metric.get("key_labels") or []
    values = metric.get("values") or []
    if not values:
        problems.append("values is required")
    if len(values) > 1 and not metric.get("value_label"):
        problems.append("several values need value_label")
    for label in list(keys) + list((metric.get("static_labels") or {}).keys()):
        if not LABEL_NAME.match(label) or label.startswith("__"):
            problems.append(f"invalid label name {label!r}")
    if problems:
        return problems, 0
    try:
        rows = run_query(args, metric["query"])
    except RuntimeError as error:
        return [f"query failed: {error}"], 0
    if not rows:
        return ["query returned no rows"], 0
    columns = set(rows[0].keys())
    missing = [c for c in list(keys) + list(values) if c not in columns]
    if missing:
        return [f"columns missing from the result: {missing}"], len(rows)
    non_null = 0
    seen = set()
    for index, row in enumerate(rows, 1):
        for column in values:
            raw = row[column]
            if raw == "":
                continue  # NULL: the collector skips the sample
            try:
                float(raw)
                non_null += 1
            except ValueError:
                problems.append(f"row {index}: {column}={raw!r} is not numeric")
        label_set = tuple(row[k] for k in keys)
        if label_set in seen:
            problems.append(f"row {index}: duplicate label set {label_set}")
        seen.add(label_set)
    if non_null == 0:
        problems.append("every value is NULL")
    return problems, len(rows)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", required=True)
    parser.add_argument("--dbname", required=True)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    failures = 0
    for path in args.files:
        with open(path) as handle:
            collector = yaml.safe_load(handle)
        unknown = set(collector) - COLLECTOR_KEYS
        if unknown or "collector_name" not in collector or not collector.get("metrics"):
            print(f"FAIL {path}: needs collector_name and metrics, unknown keys {sorted(unknown)}")
            failures += 1
            continue
        for metric in collector["metrics"]:
            problems, count = check_metric(args, path, collector, metric)
            label = f"{os.path.basename(path)} {collector['collector_name']}/{metric.get('metric_name')}"
            if problems:
                failures += 1
                for problem in problems[:5]:
                    print(f"  FAIL {label}: {problem}")
            else:
                print(f"  ok   {label}: {count} series")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
