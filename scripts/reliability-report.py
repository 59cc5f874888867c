#!/usr/bin/env python3
"""Writes docs/RELIABILITY.md from what anyone can re-run:

1. the fault-injection suite (scripts/faults/run.py, the same run scripts/tests/faults.sh
   makes) in reporting mode: every fault tried, what was checked, notifications lost and
   duplicated;
2. the fuzzing figures, read from the run table of docs/FUZZING.md and the committed
   corpora and crash regressions under Fuzz/;
3. the bad-input rejection coverage: test rows that assert a rejection with its position,
   counted per reader in the test sources (method below each table).

usage: scripts/reliability-report.py [--seed N] [--kill-runs N] [--out docs/RELIABILITY.md]
       [--from-json results.json]   (render an earlier run instead of running the suite)
"""
import argparse
import datetime
import glob
import json
import os
import platform
import re
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))


def run_suite(seed, kill_runs, binary=None):
    fd, path = tempfile.mkstemp(suffix=".json")
    os.close(fd)
    cmd = [sys.executable, os.path.join(ROOT, "scripts/faults/run.py"), "--report", path, "--kill-runs", str(kill_runs)]
    if seed is not None:
        cmd += ["--seed", str(seed)]
    if binary:
        cmd += ["--binary", binary]
    status = subprocess.call(cmd)
    with open(path) as f:
        results = json.load(f)
    os.unlink(path)
    results["exit_status"] = status
    # Kept, so the document can be rendered again (--from-json) without another run.
    kept = os.path.join(ROOT, ".build", "reliability-results.json")
    os.makedirs(os.path.dirname(kept), exist_ok=True)
    with open(kept, "w") as f:
        json.dump(results, f)
    print(f"fault results kept in {kept}")
    return results


def fault_section(results):
    lines = ["## Fault injection", "",
             f"`scripts/faults/run.py` (run in CI by `scripts/tests/faults.sh`), seed {results['seed']}, "
             f"{results['seconds']:.0f} s on this machine ({platform.node()}, {os.cpu_count()} cores), "
             f"the debug build of `binwatch run` against real PostgreSQL 15, real local Slack/PagerDuty/webhook "
             f"receivers that check every body and a real Alertmanager. Exit status {results['exit_status']}.", "",
             "| scenario | faults tried | checks passed | notifications delivered | lost | duplicated | resent after a kill before binwatch recorded the delivery | time |",
             "|---|---|---|---|---|---|---|---|"]
    for s in results["scenarios"]:
        passed = sum(1 for c in s["checks"] if c["ok"])
        lines.append(f"| {s['name']} | {s['fault']} | {passed}/{len(s['checks'])} | {s['notifications']} | "
                     f"{s['lost']} | {s['duplicated']} | {s.get('in_flight', 0)} | {s['seconds']:.0f} s |")
    total_lost = sum(s["lost"] for s in results["scenarios"])
    total_dup = sum(s["duplicated"] for s in results["scenarios"])
    lines += ["", f"Lost in all: **{total_lost}**; duplicated in all: **{total_dup}** (target: 0 and 0).",
              "",
              "A SIGKILL that lands between a receiver's 2xx and binwatch recording the delivery leaves the "
              "notification in the outbox, so it is sent again after the restart: binwatch cannot know it "
              "arrived. Alertmanager has the same at-least-once gap (its notification log is written after the "
              "2xx too); PagerDuty folds the resend by its dedup_key. The suite counts such resends apart only when "
              "the killed run had not logged the delivery (binwatch logs it after recording it), and for the "
              "copies a real Alertmanager sends on, when the kill fell within 0.5 s after the first copy's 2xx; "
              "any other second copy is a duplicate.", ""]
    for s in results["scenarios"]:
        lines += [f"### {s['name']}", ""]
        for note in s["notes"]:
            lines.append(f"- setup: {note}")
        for c in s["checks"]:
            mark = "pass" if c["ok"] else f"**FAIL**: {c['detail']}"
            lines.append(f"- {c['check']}: {mark}")
        lines.append("")
    return lines


def fuzz_section():
    text = open(os.path.join(ROOT, "docs/FUZZING.md")).read()
    rows = re.findall(r"^\| (\d\d:\d\d) \| (Fuzz\w+) \| (\d+) s \| ([\d,]+) \| [^|]* \|[^|]*\|[^|]*\|[^|]*\| (.*?) \|$", text, re.M)
    per = {}
    for _, target, seconds, executions, outcome in rows:
        p = per.setdefault(target, {"seconds": 0, "executions": 0, "runs": 0, "found": 0, "last": ""})
        p["seconds"] += int(seconds)
        p["executions"] += int(executions.replace(",", ""))
        p["runs"] += 1
        if re.match(r"(crash|invariant|leak)", outcome):
            p["found"] += 1
        p["last"] = outcome
    lines = ["## Fuzzing", "",
             "libFuzzer + AddressSanitizer runs as recorded in docs/FUZZING.md's run table (summed per target "
             "by this script), and the inputs committed under Fuzz/ that `scripts/tests/fuzz.sh` replays in CI.", "",
             "| target | runs | fuzzing time | executions | findings | last run | corpus seeds | crash regressions |",
             "|---|---|---|---|---|---|---|---|"]
    for target in sorted(glob.glob(os.path.join(ROOT, "Fuzz", "Fuzz*"))):
        name = os.path.basename(target)
        corpus = len([f for f in glob.glob(os.path.join(target, "corpus", "*")) if os.path.isfile(f)])
        regressions = len([f for f in glob.glob(os.path.join(target, "regressions", "*")) if os.path.isfile(f)])
        p = per.get(name, {"seconds": 0, "executions": 0, "runs": 0, "found": 0, "last": "not run"})
        lines.append(f"| {name} | {p['runs']} | {p['seconds']} s | {p['executions']:,} | {p['found']} | {p['last']} | "
                     f"{corpus} | {regressions} |")
    total_s = sum(p["seconds"] for p in per.values())
    total_x = sum(p["executions"] for p in per.values())
    lines += ["", f"In all {total_s} s and {total_x:,} executions; every finding became a regression input and a unit "
              "test (docs/FUZZING.md lists them). The longer run is `scripts/fuzz.sh SECONDS`.", ""]
    return lines


# Reader -> (test files, what counts as one rejection row). A row is one asserted bad input
# with its expected message and position.
POSITIONED = r'"[^"\n]*\b\d+:\d+:[^"\n]*"'
REJECTION_SOURCES = [
    ("exposition text 0.0.4 / OpenMetrics", ["Tests/ExpositionTests/TextParserRejectionTests.swift",
                                             "Tests/ExpositionTests/TextParserOpenMetricsTests.swift",
                                             "Tests/BinwatchCLITests/CheckMetricsTests.swift"],
     r'^\s*Case\("|' + POSITIONED),
    ("PromQL", ["Tests/PromQLTests/Parser/ParserErrorTests.swift", "Tests/PromQLTests/Parser/ParserDepthTests.swift"],
     r'parse error'),
    ("rule files", ["Tests/RulesTests/RuleFile/*.swift", "Tests/BinwatchCLITests/CheckRulesTests.swift",
                    "Tests/DashboardTests/RuleFileTests.swift"], POSITIONED + r'|#expect\(errors\('),
    ("Go templates", ["Tests/RulesTests/Templates/*.swift"], POSITIONED + r'|template: '),
    ("binwatch.yml config", ["Tests/DaemonTests/Config/*.swift"], POSITIONED),
    ("alerting: (Alertmanager syntax)", ["Tests/NotifyTests/Config/*.swift"],
     POSITIONED + r'|keyPath|#expect\(throws:|, false\),$'),
    ("SQL collectors and sources", ["Tests/CollectorsTests/Config/*.swift", "Tests/CollectorsTests/SQL/*.swift"], POSITIONED),
]


def rejection_section():
    lines = ["## Bad input rejected", "",
             "Test rows asserting that a bad input is refused with its message and position, counted in the test "
             "sources by this script: lines matching the pattern given, in the files given (each row is one bad "
             "input with its expected error). The fuzz corpora above add arbitrary bytes to each reader.", "",
             "| reader | rejection rows | test files | pattern |", "|---|---|---|---|"]
    total = 0
    for reader, patterns, regex in REJECTION_SOURCES:
        files = sorted({f for p in patterns for f in glob.glob(os.path.join(ROOT, p))})
        count = 0
        for f in files:
            count += sum(1 for line in open(f) if re.search(regex, line))
        total += count
        names = ", ".join(os.path.relpath(f, ROOT) for f in files) or "(none found)"
        lines.append(f"| {reader} | {count} | {names} | `{regex.replace('|', ' or ')}` |")
    lines += ["", f"{total} rejection rows in all. Not counted: the fixtures under ../shared (promtool's bad rule "
              "files, Prometheus's promqltest scripts), which the suites replay when that folder is present.", ""]
    return lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int)
    parser.add_argument("--kill-runs", type=int, default=50)
    parser.add_argument("--out", default=os.path.join(ROOT, "docs/RELIABILITY.md"))
    parser.add_argument("--from-json")
    parser.add_argument("--binary", help="binwatch to test (default .build/debug/binwatch)")
    args = parser.parse_args()
    if args.from_json:
        results = json.load(open(args.from_json))
        results.setdefault("exit_status", 0 if all(s["ok"] for s in results["scenarios"]) else 1)
    else:
        results = run_suite(args.seed, args.kill_runs, args.binary)
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    lines = ["# Reliability", "",
             f"Generated by `scripts/reliability-report.py` on {datetime.date.today()} at commit {commit}; "
             "every figure below comes from that script (re-run it to refresh this file).", ""]
    lines += fault_section(results) + fuzz_section() + rejection_section()
    with open(args.out, "w") as f:
        f.write("\n".join(lines).rstrip() + "\n")
    print(f"wrote {args.out}")
    return results["exit_status"]


if __name__ == "__main__":
    sys.exit(main())
