#!/usr/bin/env python3
"""Writes the web UI benchmark's inputs into OUTDIR: 1,000 alerting rules in 10 groups, each
firing for 10 series (10,000 active alerts), the series page (a textfile for binwatch, the
same file served over HTTP for Prometheus), binwatch.yml and prometheus.yml.in."""
import os
import sys

RULES, PER_RULE, GROUPS = 1000, 10, 10

out = sys.argv[1]
os.makedirs(os.path.join(out, "page"), exist_ok=True)
with open(os.path.join(out, "page", "metrics"), "w") as f:
    f.write("# HELP bench_backlog Items waiting per rule and zone.\n# TYPE bench_backlog gauge\n")
    for r in range(RULES):
        for z in range(PER_RULE):
            f.write(f'bench_backlog{{rule="r{r}",zone="z{z}",facility="FAC-{z % 3:02d}"}} {r + z + 1}\n')
with open(os.path.join(out, "rules.yml"), "w") as f:
    f.write("groups:\n")
    for g in range(GROUPS):
        f.write(f"  - name: bench-{g}\n    rules:\n")
        for r in range(g * RULES // GROUPS, (g + 1) * RULES // GROUPS):
            f.write(f"      - alert: Backlog{r}\n        expr: bench_backlog{{rule=\"r{r}\"}} > 0\n"
                    f"        labels: {{severity: warning}}\n"
                    f"        annotations: {{summary: 'backlog of {{{{ $labels.zone }}}} is {{{{ $value }}}}'}}\n")
with open(os.path.join(out, "binwatch.yml"), "w") as f:
    f.write(f"""global: {{evaluation_interval: 5s}}
rule_files: [{out}/rules.yml]
sources:
  textfile: [{{name: bench, path: {out}/page/metrics}}]
web: {{listen_address: "127.0.0.1:0"}}
state: {{path: {out}/state.sqlite}}
""")
with open(os.path.join(out, "prometheus.yml.in"), "w") as f:
    f.write(f"""global: {{scrape_interval: 5s, evaluation_interval: 5s}}
rule_files: [{out}/rules.yml]
scrape_configs:
  - job_name: bench
    metrics_path: /metrics
    static_configs: [{{targets: ["127.0.0.1:PAGE_PORT"]}}]
""")
