#!/usr/bin/env python3
"""Writes the queries of binwatch SQL collector files as one psql script, in the order
binwatch runs them (files sorted by path, metrics in file order), each ended by ';'."""
import sys
import yaml

for path in sorted(sys.argv[1:]):
    with open(path, encoding="utf-8") as f:
        collector = yaml.safe_load(f)
    for metric in collector["metrics"]:
        query = metric["query"].strip().rstrip(";")
        print(f"-- {collector['collector_name']} / {metric['metric_name']}")
        print(query + ";")
