#!/usr/bin/env python3
"""The machine-readable side of the benchmarks, read by scripts/perf-report.sh.

When BINWATCH_BENCH_JSON=/path/file.json is set, a Benchmarks/<area>/run.sh writes
    {"area": "<area>", "rows": [{"name", "binwatch", "anchor", "anchor_name", "unit", "note"}]}
with binwatch's figure and its anchor's measured in the same run; anchor is null where the
figure has no anchor. Anchor names carry the version found at run time (`tool_version`),
never a typed-in one.

As a command:
    benchjson.py version TOOL        prints e.g. "promtool 2.42.0" (exit 1 if absent)
"""
import json
import os
import re
import shutil
import subprocess
import sys


def row(name, binwatch, anchor=None, anchor_name=None, unit="ms", note=None):
    """One figure; numbers are rounded to 4 significant digits (the noise is far larger)."""
    def num(v):
        return None if v is None else float(f"{float(v):.4g}")
    return {"name": name, "binwatch": num(binwatch), "anchor": num(anchor),
            "anchor_name": anchor_name if anchor is not None else None, "unit": unit, "note": note}


def write(area, rows, **extra):
    """Writes the area's JSON if BINWATCH_BENCH_JSON is set (atomically: no half files)."""
    path = os.environ.get("BINWATCH_BENCH_JSON")
    if not path:
        return
    doc = {"area": area, "rows": rows}
    doc.update(extra)
    tmp = path + ".tmp"
    with open(tmp, "w") as fh:
        json.dump(doc, fh, indent=1)
        fh.write("\n")
    os.replace(tmp, path)
    print(f"wrote {path} ({len(rows)} rows)", file=sys.stderr)


_VERSION_COMMANDS = {
    # tool: (command, regex on its output, label)
    "promtool": (["promtool", "--version"], r"version (\d+\.\d+\.\d+)", "promtool"),
    "prometheus": (["prometheus", "--version"], r"version (\d+\.\d+\.\d+)", "Prometheus"),
    "psql": (["psql", "--version"], r"(\d+(?:\.\d+)+)", "psql"),
    "scipy": ([sys.executable, "-c", "import scipy, numpy; print(scipy.__version__, numpy.__version__)"],
              r"(\S+) (\S+)", None),
    "swift": (["swift", "--version"], r"Swift version (\S+)", "Swift"),
}


def tool_version(tool):
    """'promtool 2.42.0', 'psql 15.14', 'scipy 1.17.1 (numpy 2.4.6)', or None when absent."""
    command, pattern, label = _VERSION_COMMANDS[tool]
    if shutil.which(command[0]) is None:
        return None
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(pattern, out.stdout + out.stderr)
    if not match:
        return None
    if tool == "scipy":
        return f"scipy {match.group(1)} (numpy {match.group(2)})"
    return f"{label} {match.group(1)}"


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "version" and sys.argv[2] in _VERSION_COMMANDS:
        version = tool_version(sys.argv[2])
        if version is None:
            sys.exit(1)
        print(version)
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
