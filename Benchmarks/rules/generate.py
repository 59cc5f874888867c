#!/usr/bin/env python3
"""Generates the rule unit-test benchmark: 200 rules over 2000 input series, 6h of data at
1m, with alert and PromQL checks whose expected values are exact (integers, sums, counts),
so promtool and binwatch must both pass it.

Usage: generate.py OUTDIR   (writes OUTDIR/bench-rules.yml and OUTDIR/bench-test.yml)
"""
import os
import sys

FAMILIES = 10          # counter families and gauge families each
ZONES = 10
BINS = 10              # ZONES * BINS = 100 series per family -> 2000 series
STEPS = 360            # 6h at 1m -> 361 samples per series


def humanize(v):
    """Prometheus's humanize for v >= 1 (enough for the values used here)."""
    prefixes = ["", "k", "M", "G", "T"]
    i = 0
    while abs(v) >= 1000 and i < len(prefixes) - 1:
        v /= 1000
        i += 1
    return ("%.4g" % v) + prefixes[i]


def rules():
    out = ["groups:"]
    for k in range(FAMILIES):
        c = f"wms_putaway_ops_total_{k}"
        out += [
            f"  - name: counters-{k}",
            "    rules:",
            f"      - record: zone:{c}:rate5m",
            f"        expr: sum by (zone) (rate({c}[5m30s]))",
            f"      - record: zone:{c}:increase10m",
            f"        expr: sum by (zone) (increase({c}[10m30s]))",
            f"      - record: bin:{c}:irate",
            f"        expr: irate({c}[2m30s])",
            f"      - record: {c}:count",
            f"        expr: count({c})",
            f"      - record: zone:{c}:max",
            f"        expr: max by (zone) ({c})",
            f"      - alert: Stalled{k}",
            f"        expr: rate({c}[5m30s]) == 0",
            "        for: 5m",
            f"      - alert: RateHigh{k}",
            f"        expr: zone:{c}:rate5m > 1000",
            f"      - alert: CountLow{k}",
            f"        expr: {c}:count < 100",
            f"      - record: job:{c}:total",
            f"        expr: sum(zone:{c}:max)",
            f"      - alert: TotalPositive{k}",
            f"        expr: job:{c}:total > 0",
            "        for: 10m",
            "        labels: {severity: info}",
            "        annotations:",
            "          summary: 'total {{ $value | humanize }}'",
        ]
        g = f"bin_fill_ratio_{k}"
        out += [
            f"  - name: gauges-{k}",
            "    rules:",
            f"      - record: zone:{g}:avg",
            f"        expr: avg by (zone) ({g})",
            f"      - record: zone:{g}:max10m",
            f"        expr: max by (zone) (max_over_time({g}[10m30s]))",
            f"      - alert: FillHigh{k}",
            f"        expr: {g} > 90",
            "        for: 5m",
            "        labels: {severity: page}",
            "        annotations:",
            "          summary: '{{ $labels.zone }}/{{ $labels.bin }} at {{ $value }}'",
            f"      - alert: FillNegative{k}",
            f"        expr: {g} < 0",
            f"      - record: {g}:sum",
            f"        expr: sum({g})",
            f"      - record: {g}:p90",
            f"        expr: quantile(0.9, {g})",
            f"      - alert: FillSumHigh{k}",
            f"        expr: {g}:sum > 6000",
            "        for: 1m",
            f"      - record: {g}:top3",
            f"        expr: topk(3, {g})",
            f"      - record: zone:{g}:count_high",
            f"        expr: count by (zone) ({g} > 60)",
            f"      - alert: FillAbsent{k}",
            f"        expr: absent({g})",
        ]
    return "\n".join(out) + "\n"


def test():
    out = [
        "rule_files: [bench-rules.yml]",
        "evaluation_interval: 1m",
        "tests:",
        "  - name: benchmark",
        "    interval: 1m",
        "    input_series:",
    ]
    for k in range(FAMILIES):
        for z in range(ZONES):
            for b in range(BINS):
                out += [f"      - series: 'wms_putaway_ops_total_{k}{{zone=\"z{z}\", bin=\"b{b}\"}}'",
                        f"        values: '0+{k + 1}x{STEPS}'"]
        for z in range(ZONES):
            for b in range(BINS):
                jumps = z == k % ZONES and b == 0
                values = f"50x119 100x{STEPS - 120}" if jumps else f"50x{STEPS}"
                out += [f"      - series: 'bin_fill_ratio_{k}{{zone=\"z{z}\", bin=\"b{b}\"}}'",
                        f"        values: '{values}'"]
    out.append("    alert_rule_test:")
    for k in range(FAMILIES):
        zone = f"z{k % ZONES}"
        out += [
            "      - eval_time: 1h", f"        alertname: FillHigh{k}", "        exp_alerts: []",
            "      - eval_time: 3h", f"        alertname: FillHigh{k}", "        exp_alerts:",
            f"          - exp_labels: {{zone: {zone}, bin: b0, severity: page}}",
            f"            exp_annotations: {{summary: '{zone}/b0 at 100'}}",
            "      - eval_time: 9m", f"        alertname: TotalPositive{k}", "        exp_alerts: []",
            "      - eval_time: 6h", f"        alertname: TotalPositive{k}", "        exp_alerts:",
            "          - exp_labels: {severity: info}",
            f"            exp_annotations: {{summary: 'total {humanize(ZONES * (k + 1) * STEPS)}'}}",
            "      - eval_time: 6h", f"        alertname: Stalled{k}", "        exp_alerts: []",
        ]
    out.append("    promql_expr_test:")
    for k in range(FAMILIES):
        out += [
            f"      - expr: wms_putaway_ops_total_{k}:count", "        eval_time: 6h", "        exp_samples:",
            f"          - labels: 'wms_putaway_ops_total_{k}:count'", f"            value: {ZONES * BINS}",
            f"      - expr: bin_fill_ratio_{k}:sum", "        eval_time: 1h", "        exp_samples:",
            f"          - labels: 'bin_fill_ratio_{k}:sum'", f"            value: {ZONES * BINS * 50}",
            f"      - expr: bin_fill_ratio_{k}:sum", "        eval_time: 3h", "        exp_samples:",
            f"          - labels: 'bin_fill_ratio_{k}:sum'", f"            value: {ZONES * BINS * 50 + 50}",
            f"      - expr: zone:bin_fill_ratio_{k}:count_high", "        eval_time: 3h", "        exp_samples:",
            f"          - labels: 'zone:bin_fill_ratio_{k}:count_high{{zone=\"z{k % ZONES}\"}}'", "            value: 1",
        ]
    out += [
        "      - expr: count(ALERTS{alertstate=\"firing\"})", "        eval_time: 3h", "        exp_samples:",
        f"          - value: {2 * FAMILIES}",
    ]
    return "\n".join(out) + "\n"


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "bench-rules.yml"), "w") as f:
        f.write(rules())
    with open(os.path.join(outdir, "bench-test.yml"), "w") as f:
        f.write(test())


if __name__ == "__main__":
    main()
