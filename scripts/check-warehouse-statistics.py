#!/usr/bin/env python3
"""Cross-checks the generator's statistical tables against scipy.

Pearson and Spearman (scipy.stats.pearsonr / spearmanr) and the Fisher-z p-value
(scipy.stats.norm) for every facility's confidence_score-vs-was_accepted row of
bin_optimization_correlation_analysis, and the two-proportion z-test of every
bin_optimization_ab_test_results row. Usage: --host DIR --dbname DB --anchor ISO8601
"""
import argparse
import csv
import io
import math
import subprocess
import sys

from scipy import stats


def query(args, sql):
    out = subprocess.run(["psql", "-X", "-q", "--csv", "-h", args.host, "-U", "postgres", "-d", args.dbname,
                          "-c", sql], capture_output=True, text=True, check=True)
    return list(csv.DictReader(io.StringIO(out.stdout)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", required=True)
    parser.add_argument("--dbname", required=True)
    parser.add_argument("--anchor", required=True)
    args = parser.parse_args()
    failures = 0

    def expect(label, got, want, tolerance):
        nonlocal failures
        ok = abs(got - want) <= tolerance
        failures += 0 if ok else 1
        print(f"  {'ok  ' if ok else 'FAIL'} {label}: table {got:.8g}, scipy {want:.8g}")

    rows = query(args, f"""
        SELECT facility_id, confidence_score, was_accepted::int AS accepted FROM putaway_recommendations
        WHERE was_accepted IS NOT NULL AND created_at > '{args.anchor}'::timestamptz - interval '7 days'""")
    table = {r["facility_id"]: r for r in query(args, """
        SELECT facility_id, pearson_correlation, spearman_correlation, p_value, sample_size
        FROM bin_optimization_correlation_analysis
        WHERE feature_x = 'confidence_score' AND feature_y = 'was_accepted'""")}
    for facility in sorted(table):
        xs = [float(r["confidence_score"]) for r in rows if r["facility_id"] == facility]
        ys = [float(r["accepted"]) for r in rows if r["facility_id"] == facility]
        t = table[facility]
        pearson = stats.pearsonr(xs, ys)[0]
        spearman = stats.spearmanr(xs, ys)[0]
        fisher_p = 2 * stats.norm.sf(abs(math.atanh(pearson)) * math.sqrt(len(xs) - 3))
        expect(f"{facility} n", float(t["sample_size"]), len(xs), 0)
        expect(f"{facility} pearson", float(t["pearson_correlation"]), pearson, 1e-5)
        expect(f"{facility} spearman", float(t["spearman_correlation"]), spearman, 1e-5)
        expect(f"{facility} Fisher-z p", float(t["p_value"]), fisher_p, 1e-6 + 1e-3 * fisher_p)

    for t in query(args, """SELECT facility_id, test_name, control_sample_size AS n1, treatment_sample_size AS n2,
                                   control_mean AS p1, treatment_mean AS p2, p_value FROM bin_optimization_ab_test_results"""):
        n1, n2, p1, p2 = int(t["n1"]), int(t["n2"]), float(t["p1"]), float(t["p2"])
        pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
        z = (p2 - p1) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        expect(f"{t['facility_id']} {t['test_name']} p", float(t["p_value"]), 2 * stats.norm.sf(abs(z)),
               1e-6 + 1e-3 * 2 * stats.norm.sf(abs(z)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
