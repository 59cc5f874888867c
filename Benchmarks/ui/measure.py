#!/usr/bin/env python3
"""Times each web page and the two APIs: REQUESTS sequential GETs each, median and p95 of the
time to the last byte on loopback (the server's time plus a loopback round trip), and the
body size. Usage: measure.py REQUESTS BINWATCH_URL PROMETHEUS_URL"""
import os
import statistics
import sys
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import benchjson  # noqa: E402

requests, binwatch, prometheus = int(sys.argv[1]), sys.argv[2], sys.argv[3]


def timed(url):
    times, size = [], 0
    for _ in range(requests):
        start = time.perf_counter()
        with urllib.request.urlopen(url, timeout=120) as answer:
            body = answer.read()
        times.append((time.perf_counter() - start) * 1000)
        size = len(body)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)], size


pages = ["/", "/alerts", "/alerts?page=50", "/rules", "/rules?page=5", "/silences", "/sources", "/status"]
rows = []
print(f"{'page':<22} {'median ms':>10} {'p95 ms':>8} {'KB':>8}   target: < 50 ms, < 300 KB")
for page in pages:
    median, p95, size = timed(binwatch + page)
    verdict = "ok" if p95 < 50 and size < 300_000 else "OVER"
    print(f"{page:<22} {median:>10.1f} {p95:>8.1f} {size / 1000:>8.1f}   {verdict}")
    rows.append(benchjson.row(f"page {page} (p95)", p95, unit="ms", note=f"{size / 1000:.1f} KB of HTML"))
print()
print(f"{'API (10,000 alerts)':<22} {'binwatch':>10} {'Prometheus 2.42':>16} {'ratio':>7}")
version = benchjson.tool_version("prometheus")
for api in ["/api/v1/rules", "/api/v1/alerts"]:
    ours, _, our_size = timed(binwatch + api)
    theirs, _, their_size = timed(prometheus + api)
    print(f"{api:<22} {ours:>8.1f}ms {theirs:>14.1f}ms {ours / theirs:>6.2f}x   ({our_size / 1e6:.1f} MB vs {their_size / 1e6:.1f} MB)")
    rows.append(benchjson.row(f"{api} median", ours, theirs, version, unit="ms"))
benchjson.write("ui", rows)
