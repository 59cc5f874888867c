#!/usr/bin/env python3
"""Writes the fuzzers' seed corpora, Fuzz/<Target>/corpus/, from this repository's own files only:
rule files, dashboards, docs, test fixtures and the string literals of the Swift tests. Nothing from
../shared or any other repository goes in (docs/FUZZING.md). Re-run after adding fixtures; the
seeds are committed so the test suite can replay them without this script.

usage: scripts/gen-fuzz-corpus.py
"""
import hashlib
import json
import pathlib
import re

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
MAX_SEEDS = 250          # per target: enough variety, small enough to replay in seconds
MAX_BYTES = 8192         # libFuzzer works best on small inputs; bigger files are cut


def swift_literals(paths):
    """Multi-line (\"\"\"…\"\"\") and one-line ("…") string literals of Swift sources, unescaped
    the simple way (\\n, \\t, \\", \\\\); literals with interpolation are skipped."""
    out = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r'(#*)"""\n(.*?)\n[ \t]*"""\1', text, re.S):
            body = m.group(2)
            lines = body.split("\n")
            indent = min((len(l) - len(l.lstrip(" ")) for l in lines if l.strip()), default=0)
            block = "\n".join(l[indent:] for l in lines) + "\n"
            if "\\(" not in block:
                out.append(unescape(block) if not m.group(1) else block)
        for m in re.finditer(r'(?<!")"((?:[^"\\\n]|\\.)+)"(?!")', text):
            lit = m.group(1)
            if "\\(" not in lit:
                out.append(unescape(lit))
    return out


def unescape(s):
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t", "r": "\r", "0": "\0"}.get(m.group(1), m.group(1)), s)


def yaml_files(pattern):
    return sorted(ROOT.glob(pattern))


def rule_entries():
    for path in yaml_files("rules/*.yml"):
        doc = yaml.safe_load(path.read_text())
        for group in doc.get("groups", []):
            for rule in group.get("rules", []):
                yield rule


def walk_json(value, key):
    if isinstance(value, dict):
        for k, v in value.items():
            if k == key and isinstance(v, str):
                yield v
            else:
                yield from walk_json(v, key)
    elif isinstance(value, list):
        for v in value:
            yield from walk_json(v, key)


def write(target, seeds):
    directory = ROOT / "Fuzz" / target / "corpus"
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.iterdir():
        old.unlink()
    unique = {}
    for seed in seeds:
        data = seed.encode("utf-8") if isinstance(seed, str) else seed
        data = data[:MAX_BYTES]
        if data:
            unique.setdefault(hashlib.sha1(data).hexdigest(), data)
    # Keep the smallest seeds when there are too many: they mutate fastest.
    chosen = sorted(unique.items(), key=lambda kv: (len(kv[1]), kv[0]))[:MAX_SEEDS]
    for digest, data in chosen:
        (directory / digest[:16]).write_bytes(data)
    print(f"{target}: {len(chosen)} seeds")


def promql():
    seeds = [r["expr"] for r in rule_entries()]
    for path in sorted(ROOT.glob("dashboards/*.json")):
        seeds += list(walk_json(json.loads(path.read_text()), "expr"))
    for path in yaml_files("rules/tests/*.yml"):
        for test in yaml.safe_load(path.read_text()).get("tests", []):
            seeds += [t["expr"] for t in test.get("promql_expr_test", [])]
    literals = swift_literals(sorted((ROOT / "Tests/PromQLTests/Parser").glob("*.swift")))
    seeds += [l for l in literals if "\n" not in l.strip()]
    return seeds


def rule_files():
    seeds = [p.read_text() for p in yaml_files("rules/*.yml")]
    literals = swift_literals(sorted((ROOT / "Tests/RulesTests").rglob("*.swift")) +
                              sorted((ROOT / "Tests/BinwatchCLITests").glob("CheckRules*.swift")))
    seeds += [l for l in literals if "groups:" in l]
    return seeds


def templates():
    seeds = []
    for rule in rule_entries():
        for part in ("labels", "annotations"):
            seeds += [v for v in (rule.get(part) or {}).values() if "{{" in str(v)]
    literals = swift_literals(sorted((ROOT / "Tests/RulesTests/Templates").glob("*.swift")))
    seeds += [l for l in literals if "{{" in l]
    return seeds


def exposition(open_metrics):
    literals = swift_literals(sorted((ROOT / "Tests/ExpositionTests").glob("*.swift")) +
                              sorted((ROOT / "Tests/BinwatchCLITests").glob("*.swift")))
    samples = [l for l in literals if re.search(r"^(# (HELP|TYPE) |[a-zA-Z_:][a-zA-Z0-9_:]*[ {])", l, re.M)]
    if open_metrics:
        return [l for l in samples if "# EOF" in l] + [l + "# EOF\n" for l in samples if "# EOF" not in l][:40]
    return [l for l in samples if "# EOF" not in l]


def probe():
    text = (ROOT / "docs/probe-putaway.md").read_text()
    docs = [b for b in re.findall(r"```json\n(.*?)```", text, re.S)]
    literals = swift_literals(sorted((ROOT / "Tests/BinwatchCLITests").glob("Probe*.swift")))
    docs += [l for l in literals if '"bins"' in l or '"items"' in l]
    bins = [d for d in docs if '"bins"' in d]
    items = [d for d in docs if '"items"' in d]
    # A NUL between a bins and an items document makes the harness plan them (FuzzProbeInput.swift).
    pairs = [b.encode() + b"\0" + i.encode() for b in bins[:6] for i in items[:6]]
    return docs + pairs


def csv():
    seeds = [p.read_bytes() for p in sorted(ROOT.glob("Tests/StatisticsTests/Fixtures/cli/*.csv"))]
    literals = swift_literals(sorted((ROOT / "Tests/BinwatchCLITests").glob("Analyze*.swift")))
    seeds += [l for l in literals if "," in l and "\n" in l]
    return seeds


if __name__ == "__main__":
    write("FuzzPromQLParser", promql())
    write("FuzzRuleFile", rule_files())
    write("FuzzTemplate", templates())
    write("FuzzExposition", exposition(False))
    write("FuzzOpenMetrics", exposition(True))
    write("FuzzProbeInput", probe())
    write("FuzzAnalyzeCSV", csv())
