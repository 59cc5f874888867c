#!/usr/bin/env python3
"""Renders docs/PERFORMANCE.md from the per-area JSON that scripts/perf-report.sh collected.

Usage: perf_report.py RESULTS_DIR "AREA AREA ..." > docs/PERFORMANCE.md

Every number in the output comes from RESULTS_DIR (AREA.json written by the benchmark,
AREA.meta by perf-report.sh, machine.json); the only constants here are the targets the
issues name, each cited with its issue. An area without JSON is printed as "not measured"
with the reason.
"""
import json
import os
import re
import sys

# What each area compares, and the issue that asked for it.
AREAS = {
    "exposition": ("Exposition parsing vs `promtool check metrics`", "issue 2"),
    "promql": ("PromQL evaluation vs Prometheus (same data backfilled with promtool)", "issue 3"),
    "rules": ("Rule unit tests vs `promtool test rules`", "issue 4"),
    "sql": ("SQL collection vs psql running the same queries", "issue 5"),
    "statistics": ("Statistics vs numpy/scipy on the same data", "issue 7"),
    "packing": ("Packing vs the seeds' 850 ms claim and the proven bin-count optima", "issue 6"),
    "notify": ("Notification delivery", "issue 8"),
    "daemon": ("Full daemon cycles on the example warehouse", "issue 9"),
    "soak": ("Soak: simulated cycles with an injected clock", "issue 11"),
}

# The targets the issues name: (area, regex on the row name, kind, value, text, goal).
# kinds: ratio_max (binwatch / anchor <= value), max (binwatch <= value), lt (binwatch < value),
# min (binwatch >= value), equal (binwatch == anchor), goal_equal (a goal, not a target: not
# counted as met or missed). goal: an optional stricter ratio beside a target.
TARGETS = [
    ("exposition", r"^check metrics", "ratio_max", 1, "at least as fast as promtool (issue 2)", None),
    ("promql", r"vs (loopback wall|server-side) time", "ratio_max", 2, "within 2x of Prometheus (issue 3)", None),
    ("promql", r"bytes per sample", "max", 16, "<= 16 bytes/sample (issue 3)", None),
    ("rules", r"CPU time", "ratio_max", 1, "no slower than promtool; goal 2x faster (issue 4)", 0.5),
    ("rules", r"wall time", "ratio_max", 1, "no slower than promtool (issue 4)", None),
    ("sql", r"mean wall time", "ratio_max", 1.2, "<= 1.2x psql (issue 5)", None),
    ("statistics", r".", "ratio_max", 1, "no slower than scipy (issue 7)", None),
    ("packing", r"^u\d+: excess over the optimum, worst", "max", 1, "within +1 of the optimum on every u-instance (issue 6)", None),
    ("packing", r"^t\d+: FFD excess cut", "min", 50, "cuts the FFD excess by at least half (issue 6)", None),
    ("packing", r"improvement search time, worst", "lt", 100, "each instance under 100 ms (issue 6)", None),
    ("packing", r"bins used after", "goal_equal", None, "goal: 0 excess (issue 6)", None),
    ("packing", r"^(FFD|BFD) bin counts", "equal", None, "FFD/BFD equal the baselines (issue 6)", None),
    ("packing", r"^HYBRID p95", "lt", 2, "p95 under 2 ms; aim 400x faster than the seeds (issue 6)", 1 / 400),
    ("daemon", r"p95", "lt", 250, "p95 < 250 ms (issue 9)", None),
    ("daemon", r"RSS", "lt", 64, "RSS flat and < 64 MiB (issue 9)", None),
]


def load(path):
    try:
        with open(path) as fh:
            return json.load(fh)
    except (OSError, ValueError):
        return None


def fmt(v):
    if v is None:
        return "—"
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e6:
        return str(int(v))
    a = abs(v)
    if a >= 100:
        return f"{v:,.0f}"
    if a >= 10:
        return f"{v:.1f}"
    if a >= 1:
        return f"{v:.2f}"
    return f"{v:.3g}"


def ratio(row):
    b, a = row.get("binwatch"), row.get("anchor")
    if b is None or a is None or a == 0:
        return None
    return b / a


def compare(row, r):
    """The ratio, or for counts (bins, instances) the difference, which a ratio would round away."""
    b, a = row.get("binwatch"), row.get("anchor")
    if b is not None and a is not None and row.get("unit") in ("bins", "instances"):
        d = b - a
        return "equal" if d == 0 else f"{d:+g}"
    return f"{r:.3g}x" if r is not None else "—"


def target_for(area, row):
    """(text, met) for the row: its own target if it carries one, else the issues' table."""
    if "target" in row and isinstance(row.get("target"), str):
        met = row.get("target_met")
        return row["target"], ("yes" if met else "no") if isinstance(met, bool) else "—"
    for t_area, pattern, kind, value, text, goal in TARGETS:
        if t_area != area or not re.search(pattern, row.get("name", "")):
            continue
        b, a, r = row.get("binwatch"), row.get("anchor"), ratio(row)
        if b is None:
            return text, "—"
        if kind == "ratio_max":
            if r is None:
                return text, "— (no anchor)"
            met, goal_met = r <= value, (goal is not None and r <= goal)
        elif kind == "max":
            met, goal_met = b <= value, False
        elif kind == "lt":
            met = b < value
            goal_met = goal is not None and r is not None and r <= goal
        elif kind == "min":
            met, goal_met = b >= value, False
        elif kind == "goal_equal":
            if a is None:
                return text, "— (no anchor)"
            return text, "goal met" if b == a else "goal not met"
        else:  # equal
            if a is None:
                return text, "— (no anchor)"
            met, goal_met = b == a, False
        verdict = "yes" if met else "**no**"
        if goal is not None:
            verdict += "; goal met" if goal_met else "; goal not met"
        return text, verdict
    return "", ""


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def machine_section(machine, total_seconds, build_seconds):
    v = machine.get("versions", {})
    lines = ["## Machine", "", "| | |", "|---|---|"]
    items = [
        ("date", machine.get("date")),
        ("commit", machine.get("commit")),
        ("CPU", f"{machine.get('cpu')} ({machine.get('nproc')} logical CPUs, `nproc`)"),
        ("RAM", f"{machine.get('ram_gib')} GiB"),
        ("OS", machine.get("os")),
        ("Swift", v.get("swift")),
        ("anchors", ", ".join(x for x in (v.get("promtool"), v.get("prometheus"), v.get("psql"), v.get("scipy")) if x)
         or "none found"),
        ("hyperfine", machine.get("hyperfine")),
        ("load average at start", f"{machine['load_average']:.2f}" if machine.get("load_average") is not None else None),
        ("mode", "quick (smaller sizes; see each area)" if machine.get("quick") else "full sizes"),
    ]
    if build_seconds is not None:
        items.append(("release build", f"{build_seconds} s (`swift build -c release`)"))
    if total_seconds is not None:
        items.append(("total run time", f"{total_seconds} s, build included"))
    for k, val in items:
        lines.append(f"| {k} | {cell(val if val is not None else 'unknown')} |")
    return lines


def main():
    results, areas = sys.argv[1], sys.argv[2].split()
    machine = load(os.path.join(results, "machine.json")) or {}
    read_int = lambda name: int(open(os.path.join(results, name)).read()) if os.path.exists(os.path.join(results, name)) else None
    build_seconds = read_int("build.seconds")
    note_path = os.path.join(results, "note.txt")
    note = open(note_path).read().strip() if os.path.exists(note_path) else None

    sections, summary, area_seconds = [], [], []
    for area in areas:
        doc, meta = load(os.path.join(results, f"{area}.json")), load(os.path.join(results, f"{area}.meta")) or {}
        title, issue = AREAS.get(area, (f"{area} benchmark", None))
        out = [f"## {area}: {title}", ""]
        if meta.get("seconds") is not None:
            area_seconds.append(meta["seconds"])
        if not doc or not doc.get("rows"):
            if "reason" in meta:
                reason = meta["reason"]
            elif not meta:
                reason = "not run (no result in the results directory)"
            elif meta.get("status"):
                reason = f"the script exited {meta['status']} without a JSON result (see its log)"
            else:
                reason = "the script wrote no JSON result (it has no BINWATCH_BENCH_JSON output yet)"
            out += ["| figure | binwatch | anchor |", "|---|---|---|", f"| not measured: {cell(reason)} | — | — |", ""]
            summary.append(f"| {area} | not measured | — | {cell(reason)} |")
        else:
            out += ["Ratio = binwatch / anchor (below 1: binwatch takes less time or memory); "
                    "for counts, the difference.", "",
                    "| figure | binwatch | anchor | anchor figure | ratio | target | met | note |",
                    "|---|---|---|---|---|---|---|---|"]
            met = named = 0
            for row in doc["rows"]:
                unit = row.get("unit") or ""
                r = ratio(row)
                text, verdict = target_for(area, row)
                if text and not verdict.startswith("goal"):
                    named += 1
                    met += verdict.startswith("yes")
                b = row.get("binwatch")
                a = row.get("anchor")
                out.append("| " + " | ".join(cell(x) for x in (
                    row.get("name"), f"{fmt(b)} {unit}" if b is not None else "not measured",
                    row.get("anchor_name") or "—", f"{fmt(a)} {unit}" if a is not None else "—",
                    compare(row, r), text or "—", verdict or "—", row.get("note") or "")) + " |")
            out.append("")
            status = "measured" if not meta.get("status") else f"measured, but the script exited {meta['status']}"
            summary.append(f"| {area} | {status} | {len(doc['rows'])} | targets met: {met} of {named} |")
            if doc.get("sizes"):
                out += ["Sizes: " + ", ".join(f"{k} {v}" for k, v in doc["sizes"].items()) + ".", ""]
        if meta.get("command"):
            out += ["Command (from the repository root, after `swift build -c release`):", "", "```",
                    meta["command"], "```", "",
                    (f"Run {meta['date']} at commit {meta['commit']}. " if meta.get("date") else "")
                    + f"Exit status {meta.get('status')}, {meta.get('seconds')} s, load average "
                    f"{meta.get('load_before')} before and {meta.get('load_after')} after"
                    + (", quick mode" if meta.get("quick") else "") + ".", ""]
            out += [f"Rerun this area alone: `scripts/perf-report.sh --reuse DIR --only {area}`.", ""]
        if issue:
            out += [f"Benchmark asked for by {issue}; targets are quoted from it where it names one.", ""]
        sections.append(out)

    total = (build_seconds or 0) + sum(area_seconds) if area_seconds else None
    head = [
        "# Performance",
        "",
        "Generated by `scripts/perf-report.sh`: do not edit by hand; rerun the script. Every figure below",
        "comes from the benchmark scripts in `Benchmarks/` (release builds), and each anchor was measured",
        "in the same run as binwatch's figure, with the anchor's version detected at run time.",
        "",
    ]
    if note:
        head += [f"> **Note.** {note}", ""]
    if machine.get("quick"):
        head += ["> **Quick mode**: smaller sizes than the issues name; rerun without `--quick` for the real figures.", ""]
    head += ["To regenerate everything: `scripts/perf-report.sh` (add `--quick` for smaller sizes, "
             "`--only promql,rules` for a subset; `--reuse DIR` keeps the areas already measured in DIR).", ""]
    inv_path = os.path.join(results, "invocations.txt")
    if os.path.exists(inv_path):
        head += ["This document was produced by (UTC time, command):", "", "```"] + \
                [l.rstrip() for l in open(inv_path) if l.strip()] + ["```", ""]
    body = head + machine_section(machine, total, build_seconds) + ["", "## Summary", "",
                                                                    "| area | status | figures | targets |",
                                                                    "|---|---|---|---|"] + summary + [""]
    for s in sections:
        body += s
    print("\n".join(body).rstrip() + "\n")


if __name__ == "__main__":
    main()
