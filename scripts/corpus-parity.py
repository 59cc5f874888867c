#!/usr/bin/env python3
"""Compare binwatch with promtool 2.42 and amtool 0.25 over a folder of real-world files.

Usage: scripts/corpus-parity.py CORPUS_DIR [--binwatch PATH]

The corpus is gathered by hand from public sources (mixins, rule collections, Alertmanager's
and Prometheus's own test data) into a folder OUTSIDE the repository: the project commits
none of it. Each *.yml / *.yaml file is classified by its top-level keys:
  - rule file (`groups:`):         promtool check rules  vs  binwatch check rules --compatibility 2.42
                                   (exit status and stdout, byte for byte)
  - unit-test file (`tests:`):     promtool test rules   vs  binwatch test rules (exit status, stdout)
  - Alertmanager config (`route:` or `receivers:`):
                                   amtool check-config   vs  binwatch check config on a binwatch.yml
                                   holding the file under `alerting:` (exit status only: the
                                   messages are worded differently by design)
Prints agreement counts per kind and every disagreement, marking the ones explained by a
documented difference below. Alertmanager files that amtool accepts and binwatch refuses only
with its one "... an Alertmanager feature binwatch does not support yet" message are counted
apart, as not supported yet (neither agreement nor a difference by design).
Exit 0 always: it reports, the tests assert.
"""
import argparse
import os
import subprocess
import sys
import tempfile

# Documented differences: binwatch follows Prometheus 3.x where promtool 2.42 differs.
KNOWN_DIFFERENCES = {
    "left-open-windows": "Prometheus 3.0: range selectors and lookback are left-open, so `test rules` verdicts at window edges differ from 2.42",
    "utf8-names": "Prometheus 3.0: UTF-8 metric and label names are valid (quoted selectors `{\"a.b\"}`)",
    "holt-winters": "Prometheus 3.0: holt_winters is renamed double_exponential_smoothing (behind a feature flag)",
    "regex-dot-newline": "Prometheus 3.0: `.` in regex matchers matches newlines",
    "group-labels": "Prometheus 3.x: rule groups take `labels` and `query_offset`",
    "test-start-timestamp": "Prometheus 3.x: unit-test groups take `start_timestamp`, which promtool 2.42 refuses",
    "unit-test-fuzzy": "Prometheus 3.x: promtool test rules compares floats with `fuzzy_compare` options 2.42 lacks",
    "sns-refused": "binwatch refuses `sns_configs`, saying why (AWS SigV4 endpoints cannot be tested honestly), docs/receivers.md",
    "msteams-0.26": "binwatch takes Alertmanager 0.26's `msteams_configs`, which amtool 0.25 does not know",
}

# Not a difference by design but work still to do: Alertmanager features binwatch refuses,
# each with one message, rather than accept and ignore them (issue 22 adds them).
UNSUPPORTED = "am-unsupported"
UNSUPPORTED_TEXT = ("binwatch refuses Alertmanager integrations it does not implement yet "
                    "(`FEATURE, an Alertmanager feature binwatch does not support yet`)")


def classify(path):
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return None, ""
    # Top-level keys, quoted or not (kube-prometheus renders `"route":`).
    top = {line.split(":", 1)[0].strip("\"'") for line in text.splitlines()
           if (line[:1].isalpha() or line[:1] in "\"'") and ":" in line}
    if "tests" in top and "rule_files" in top:
        return "tests", text
    if "groups" in top:
        return "rules", text
    if "route" in top or "receivers" in top:
        return "alertmanager", text
    return None, text


def run(args, cwd):
    try:
        done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=120)
        return done.returncode, done.stdout, done.stderr
    except subprocess.TimeoutExpired:
        return -1, "", "timeout"


def explain(kind, path, text, theirs, ours):
    """The documented difference a disagreement falls under, if one plainly applies."""
    if kind == "alertmanager":
        # Not supported yet only when every error binwatch printed is that one message.
        errors = [line for line in ours[2].splitlines() if ": expected " in line]
        if theirs[0] == 0 and errors and all("binwatch does not support yet" in line for line in errors):
            return UNSUPPORTED
        if theirs[0] == 0 and errors and all("does not support yet" in line or "sns_configs: Amazon SNS" in line
                                              for line in errors):
            return "sns-refused"
        if theirs[0] != 0 and ours[0] == 0 and "msteams_configs" in text:
            return "msteams-0.26"
        return None
    if kind == "tests":
        if "start_timestamp" in text:
            return "test-start-timestamp"
        if "fuzzy_compare" in text:
            return "unit-test-fuzzy"
        return "left-open-windows" if theirs[0] != ours[0] else None
    if "holt_winters" in text:
        return "holt-winters"
    if "query_offset" in text or ("labels:" in text and "group" in theirs[2]):
        return "group-labels"
    return None


def compare(kind, path, text, binwatch, workdir):
    folder, name = os.path.dirname(path) or ".", os.path.basename(path)
    if kind == "rules":
        theirs = run(["promtool", "check", "rules", name], folder)
        ours = run([binwatch, "check", "rules", "--compatibility", "2.42", name], folder)
        same = theirs[0] == ours[0] and theirs[1] == ours[1]
    elif kind == "tests":
        theirs = run(["promtool", "test", "rules", name], folder)
        ours = run([binwatch, "test", "rules", name], folder)
        same = theirs[0] == ours[0] and theirs[1] == ours[1]
    else:
        theirs = run(["amtool", "check-config", path], folder)
        wrapped = os.path.join(workdir, "binwatch.yml")
        with open(wrapped, "w", encoding="utf-8") as out:
            out.write("alerting:\n" + "".join("  " + line if line.strip() else line
                                              for line in text.splitlines(keepends=True)))
        ours = run([binwatch, "check", "config", wrapped], folder)
        same = (theirs[0] == 0) == (ours[0] == 0)
    return same, theirs, ours


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus")
    parser.add_argument("--binwatch", default=os.path.join(os.path.dirname(__file__), "..", ".build", "debug", "binwatch"))
    options = parser.parse_args()
    files = sorted(os.path.join(root, f) for root, _, names in os.walk(options.corpus)
                   for f in names if f.endswith((".yml", ".yaml")))
    counts = {}
    disagreements = []
    with tempfile.TemporaryDirectory() as workdir:
        for path in files:
            kind, text = classify(path)
            if kind is None:
                continue
            same, theirs, ours = compare(kind, path, text, options.binwatch, workdir)
            tally = counts.setdefault(kind, {"files": 0, "agree": 0, "explained": 0, "unsupported": 0})
            tally["files"] += 1
            if same:
                tally["agree"] += 1
                continue
            reason = explain(kind, path, text, theirs, ours)
            if reason == UNSUPPORTED:
                tally["unsupported"] += 1
            elif reason:
                tally["explained"] += 1
            disagreements.append((kind, path, reason, theirs, ours))
    for kind, path, reason, theirs, ours in disagreements:
        label = "UNSUPPORTED" if reason == UNSUPPORTED else "DISAGREE"
        print(f"{label} {kind} {path}: reference exit {theirs[0]}, binwatch exit {ours[0]}"
              + (f" [known: {reason}]" if reason and reason != UNSUPPORTED else ""))
        for label, result in (("reference", theirs), ("binwatch", ours)):
            detail = (result[1] + result[2]).strip().splitlines()[:6]
            for line in detail:
                print(f"    {label}: {line}")
    print()
    for kind, tally in sorted(counts.items()):
        rest = tally["files"] - tally["agree"] - tally["explained"] - tally["unsupported"]
        print(f"{kind}: {tally['agree']}/{tally['files']} agree, {tally['explained']} known differences, "
              f"{tally['unsupported']} not supported yet, {rest} unexplained")
    print("\nKnown differences:")
    for key, text in KNOWN_DIFFERENCES.items():
        print(f"  {key}: {text}")
    print(f"Not supported yet:\n  {UNSUPPORTED}: {UNSUPPORTED_TEXT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
