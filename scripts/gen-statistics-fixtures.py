#!/usr/bin/env python3
"""Regenerates the Statistics reference fixtures from numpy/scipy (and mpmath for the special
functions, where scipy itself is the less accurate party).

    python3 scripts/gen-statistics-fixtures.py

Writes Tests/StatisticsTests/Fixtures/*.json and Tests/StatisticsTests/Fixtures/cli/*. Every value
is what numpy/scipy return for the same input; the Swift tests require agreement to 1e-9 relative.
The million-value case is not committed as data: both sides generate it with the counter-based
splitmix64 generator below (see `large_columns`), and only scipy's answers are stored.
"""
import csv, io, json, math, os, sys
import numpy as np
from scipy import stats, special

try:
    import mpmath
    mpmath.mp.dps = 50
except ImportError:  # the special-function fixture then uses scipy alone
    mpmath = None

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "Tests", "StatisticsTests", "Fixtures")
PERCENTILES = [25, 50, 75, 90, 95, 99]


def f(v):
    """A JSON number, or null where scipy's answer is NaN (undefined)."""
    v = float(v)
    return None if math.isnan(v) else v


# ---------------------------------------------------------------- deterministic data
GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def splitmix_uniform(seed, n):
    """u_i = splitmix64(seed + (i+1)·golden) >> 11, scaled to [0, 1): the same in Swift."""
    with np.errstate(over="ignore"):
        z = np.uint64(seed) + (np.arange(1, n + 1, dtype=np.uint64) * GOLDEN)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) * (2.0 ** -53)


def large_columns(n):
    """The million-value columns: x uniform on [0, 1000), y a tied, noisy function of x,
    a and b two samples with slightly different means. Mirrored in LargeInputTests.swift."""
    u1, u2, u3, u4 = (splitmix_uniform(s, n) for s in (1, 2, 3, 4))
    x = u1 * 1000.0
    y = np.floor(x / 10.0) + np.floor(u2 * 50.0)
    a = 50.0 + 10.0 * u3
    b = 50.01 + 10.0 * u4
    return x, y, a, b


# ---------------------------------------------------------------- reference computations
def describe(data):
    a = np.asarray(data, dtype=np.float64)
    n = a.size
    mean = np.mean(a)
    sd = np.std(a, ddof=1)
    half = stats.t.ppf(0.975, n - 1) * (sd / math.sqrt(n))
    out = {"n": n, "mean": f(mean), "median": f(np.median(a)), "variance": f(np.var(a, ddof=1)),
           "stddev": f(sd), "min": f(a.min()), "max": f(a.max())}
    for q, v in zip(PERCENTILES, np.percentile(a, PERCENTILES)):
        out[f"p{q}"] = f(v)
    out["ci95_low"] = f(mean - half)
    out["ci95_high"] = f(mean + half)
    return out


BANDS = {"iqr": (1.5, 2.25, 3.0, 4.5), "zscore": (3.0, 3.0, 3.5, 4.0), "modified-zscore": (3.5, 3.5, 4.0, 4.5)}


def severity(method, score):
    _, moderate, severe, extreme = BANDS[method]
    if score > extreme: return "EXTREME"
    if score > severe: return "SEVERE"
    if score > moderate: return "MODERATE"
    return "MILD"


def outliers(data, method):
    a = np.asarray(data, dtype=np.float64)
    if method == "iqr":
        q1, q3 = np.percentile(a, [25, 75])
        iqr = q3 - q1
        lo, hi = q1 - 1.5 * iqr, q3 + 1.5 * iqr
        mask = (a < lo) | (a > hi)
        score = np.where(a < q1, (q1 - a) / iqr if iqr else 0, (a - q3) / iqr if iqr else 0)
    elif method == "zscore":
        m, s = np.mean(a), np.std(a, ddof=1)
        lo, hi = m - 3 * s, m + 3 * s
        score = np.abs(a - m) / s
        mask = score > 3
    else:
        med = np.median(a)
        mad = np.median(np.abs(a - med))
        lo, hi = med - 3.5 * mad / 0.6745, med + 3.5 * mad / 0.6745
        score = 0.6745 * np.abs(a - med) / mad
        mask = score > 3.5
    found = [{"index": int(i), "value": float(a[i]), "score": float(score[i]),
              "severity": severity(method, float(score[i]))} for i in np.nonzero(mask)[0]]
    return {"lower_fence": f(lo), "upper_fence": f(hi), "outliers": found}


def correlate(x, y):
    pr = stats.pearsonr(x, y)
    sr = stats.spearmanr(x, y)
    return {"n": len(x), "pearson_r": f(pr.statistic), "pearson_p": f(pr.pvalue),
            "spearman_rho": f(sr.statistic), "spearman_p": f(sr.pvalue)}


def regress(x, y):
    r = stats.linregress(x, y)
    return {"n": len(x), "slope": f(r.slope), "intercept": f(r.intercept),
            "r_squared": f(r.rvalue ** 2), "p_value": f(r.pvalue)}


def ttest(a, b):
    r = stats.ttest_ind(a, b, equal_var=False)
    na, nb = len(a), len(b)
    va, vb = np.var(a, ddof=1), np.var(b, ddof=1)
    pooled = math.sqrt(((na - 1) * va + (nb - 1) * vb) / (na + nb - 2))
    return {"t": f(r.statistic), "df": f(r.df), "p_value": f(r.pvalue),
            "cohens_d": f((np.mean(a) - np.mean(b)) / pooled)}


def chisq(table, correction):
    r = stats.chi2_contingency(np.asarray(table, dtype=np.float64), correction=correction)
    return {"chi2": f(r.statistic), "dof": int(r.dof), "p_value": f(r.pvalue),
            "expected": [[float(v) for v in row] for row in r.expected_freq]}


# ---------------------------------------------------------------- inputs
rng = np.random.default_rng(20261124)


def samples():
    """Named one-column inputs: random and adversarial."""
    s = {
        "normal_50": rng.normal(10, 2, 50),
        "uniform_200": rng.uniform(-1, 1, 200),
        "n2": np.array([3.0, 7.5]),
        "n3": np.array([1.0, 2.0, 10.0]),
        "ties_integers": rng.integers(0, 6, 40).astype(float),
        "constant": np.full(12, 4.25),
        "huge_offset": 1e12 + rng.normal(0, 1, 64),
        "huge_scale": rng.normal(0, 1, 64) * 1e150,
        "tiny_scale": rng.normal(0, 1, 64) * 1e-150,  # squares stay normal numbers
        "with_outliers": np.concatenate([rng.normal(50, 5, 97), [95.0, 3.0, 140.0]]),
        "lognormal_500": rng.lognormal(0, 1.2, 500),
        "negative_mixed": rng.normal(-1e3, 3e3, 33),
        "odd_1001": rng.standard_t(3, 1001),
    }
    return {k: [float(v) for v in a] for k, a in s.items()}


def pairs():
    x = rng.normal(0, 1, 80)
    p = {
        "linear_noise": (x, 2.5 * x + rng.normal(0, 1, 80)),
        "independent": (rng.normal(0, 1, 60), rng.normal(0, 1, 60)),
        "negative_strong": (x, -x * 3 + rng.normal(0, 0.1, 80)),
        "ties_both": (rng.integers(0, 5, 50).astype(float), rng.integers(0, 4, 50).astype(float)),
        "n3": (np.array([1.0, 2.0, 3.0]), np.array([3.0, 5.0, 4.0])),
        "n2": (np.array([1.0, 2.0]), np.array([3.0, 5.0])),
        "huge_offset": (1e12 + np.arange(40.0), 1e9 + np.arange(40.0) * 0.5 + rng.normal(0, 3, 40)),
        # sxx·syy must fit a double for linregress not to overflow: 1e70 → products near 1e280.
        "huge_scale": (rng.normal(0, 1, 40) * 1e70, rng.normal(0, 1, 40) * 1e70),
        "monotone_nonlinear": (np.arange(1.0, 31.0), np.exp(np.arange(1.0, 31.0) / 5)),
        "weak_500": (rng.normal(0, 1, 500), None),
    }
    wx = p["weak_500"][0]
    p["weak_500"] = (wx, 0.1 * wx + rng.normal(0, 1, 500))
    return {k: ([float(v) for v in a], [float(v) for v in b]) for k, (a, b) in p.items()}


def two_samples():
    t = {
        "normal_diff": (rng.normal(10, 2, 40), rng.normal(11, 3, 55)),
        "same_mean": (rng.normal(0, 1, 30), rng.normal(0, 5, 30)),
        "n2_each": (np.array([1.0, 2.0]), np.array([3.0, 5.0])),
        "one_constant": (np.full(10, 3.0), rng.normal(3, 1, 12)),
        "ties": (rng.integers(0, 4, 25).astype(float), rng.integers(1, 5, 25).astype(float)),
        "huge_offset": (1e12 + rng.normal(0, 1, 50), 1e12 + 0.5 + rng.normal(0, 1, 50)),
        "large_t": (rng.normal(0, 1, 200), rng.normal(3, 1, 300)),
    }
    return {k: ([float(v) for v in a], [float(v) for v in b]) for k, (a, b) in t.items()}


TABLES = {
    "2x2": [[10, 20], [30, 40]],
    "2x2_small": [[3, 1], [1, 3]],
    "2x2_strong": [[120, 30], [25, 140]],
    "2x2_exact_expected": [[10, 10], [10, 10]],
    "3x4": [[12, 7, 9, 14], [8, 15, 11, 6], [20, 4, 9, 13]],
    "2x3": [[5, 9, 20], [14, 8, 3]],
    "1x3": [[4, 5, 6]],
    "large_counts": [[123456, 234567], [345678, 456789]],
}


def special_cases():
    beta = [(0.5, 0.5, 1e-16), (0.5, 0.5, 0.3), (2.5, 3.5, 0.3), (0.1, 100, 0.001), (100, 0.1, 0.999),
            (1000, 1000, 0.52), (5e5, 0.5, 0.999999), (5e5, 5e5, 0.4999), (1e6, 0.5, 0.99999),
            (1e6, 1e6, 0.5001), (14.5, 0.5, 0.9), (1.5, 0.5, 0.01), (50, 60, 0.9), (3, 4, 1e-5)]
    gamma = [(0.5, 3.0), (10, 30), (5e5, 5.01e5), (1e6, 1e6), (0.5, 0.001), (25, 20), (1, 1),
             (3.5, 50), (150, 100), (0.1, 10)]
    tcdf = [(1, 2.5), (2, -0.3), (3, 12.0), (4.5, 1.0), (10, -4.0), (29, 2.05), (1000, 1.96),
            (1e6, 2.5), (7.3, 40.0), (2.2, 1e-8)]
    tppf = [(1, 0.975), (2, 0.975), (3, 0.975), (4.5, 0.975), (10, 0.975), (29, 0.975), (1000, 0.975),
            (1e6, 0.975), (5, 0.999999), (12, 0.6)]
    chi2 = [(1, 0.4464), (1, 30.0), (2, 5.99), (6, 12.59), (50, 80.0), (100, 60.0), (1e4, 1.02e4)]
    normal = [-40.0, -5.0, -1.96, 0.0, 0.5, 3.0, 9.0]

    def mp_beta(a, b, x):
        if mpmath is None: return None, None
        try:
            lo = mpmath.betainc(a, b, 0, mpmath.mpf(x), regularized=True)
            hi = mpmath.betainc(a, b, mpmath.mpf(x), 1, regularized=True)
        except mpmath.libmp.libhyper.NoConvergence:  # huge shapes: scipy alone is the reference
            return None, None
        return float(lo), float(hi)

    out = {"beta": [], "gamma": [], "t_cdf": [], "t_ppf": [], "chi2_sf": [], "normal_cdf": []}
    for a, b, x in beta:
        ml, mu = mp_beta(a, b, x)
        out["beta"].append({"a": a, "b": b, "x": x, "scipy_lower": float(special.betainc(a, b, x)),
                            "scipy_upper": float(special.betaincc(a, b, x)), "mp_lower": ml, "mp_upper": mu})
    for a, x in gamma:
        try:
            mp = (float(mpmath.gammainc(a, 0, x, regularized=True)), float(mpmath.gammainc(a, x, mpmath.inf, regularized=True))) if mpmath else (None, None)
        except mpmath.libmp.libhyper.NoConvergence:
            mp = (None, None)
        out["gamma"].append({"a": a, "x": x, "scipy_lower": float(special.gammainc(a, x)),
                             "scipy_upper": float(special.gammaincc(a, x)), "mp_lower": mp[0], "mp_upper": mp[1]})
    for df, t in tcdf:
        out["t_cdf"].append({"df": df, "t": t, "cdf": float(stats.t.cdf(t, df)), "sf": float(stats.t.sf(t, df)),
                             "two_sided": float(2 * stats.t.sf(abs(t), df))})
    for df, p in tppf:
        out["t_ppf"].append({"df": df, "p": p, "q": float(stats.t.ppf(p, df))})
    for df, x in chi2:
        out["chi2_sf"].append({"df": df, "x": x, "sf": float(stats.chi2.sf(x, df)), "cdf": float(stats.chi2.cdf(x, df))})
    for z in normal:
        out["normal_cdf"].append({"z": z, "cdf": float(stats.norm.cdf(z)), "sf": float(stats.norm.sf(z))})
    return out


# ---------------------------------------------------------------- CLI fixtures
def write_csv(path, header, columns):
    rows = max(len(c) for c in columns)
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        for i in range(rows):
            w.writerow([repr(c[i]) if i < len(c) else "" for c in columns])


def cli_fixtures(samp, prs, tws):
    d = os.path.join(OUT, "cli")
    cases = []
    write_csv(os.path.join(d, "samples.csv"), ["bin id", "utilization", "weight,kg"],
              [list(range(100)), samp["with_outliers"], samp["lognormal_500"][:100]])
    cases.append({"args": ["describe", "--column", "utilization"], "csv": "samples.csv", "expected": describe(samp["with_outliers"])})
    cases.append({"args": ["describe", "--column", "weight,kg"], "csv": "samples.csv", "expected": describe(samp["lognormal_500"][:100])})
    for m in ("iqr", "zscore", "modified-zscore"):
        cases.append({"args": ["outliers", "--column", "utilization", "--method", m], "csv": "samples.csv",
                      "expected": outliers(samp["with_outliers"], m)})
    x, y = prs["linear_noise"]
    write_csv(os.path.join(d, "pairs.csv"), ["confidence", "acceptance"], [x, y])
    cases.append({"args": ["correlate", "--x", "confidence", "--y", "acceptance"], "csv": "pairs.csv", "expected": correlate(x, y)})
    exp = regress(x, y); exp["trend"] = "IMPROVING" if exp["p_value"] < 0.05 and exp["slope"] > 0 else "STABLE"
    cases.append({"args": ["regress", "--x", "confidence", "--y", "acceptance"], "csv": "pairs.csv", "expected": exp})
    exp2 = dict(exp); exp2["trend"] = "DECLINING"
    cases.append({"args": ["regress", "--x", "confidence", "--y", "acceptance", "--lower-is-better"], "csv": "pairs.csv", "expected": exp2})
    a, b = tws["normal_diff"]
    write_csv(os.path.join(d, "ab.csv"), ["control", "treatment"], [a, b])
    cases.append({"args": ["ttest", "--a", "control", "--b", "treatment"], "csv": "ab.csv", "expected": ttest(a, b)})
    with open(os.path.join(d, "table.csv"), "w") as fh:
        fh.write("outcome,accepted,rejected\nHYBRID,120,30\nFFD,25,140\n")
    cases.append({"args": ["chisq"], "csv": "table.csv", "expected": chisq([[120, 30], [25, 140]], True)})
    cases.append({"args": ["chisq", "--no-correction"], "csv": "table.csv", "expected": chisq([[120, 30], [25, 140]], False)})
    with open(os.path.join(d, "table3x4.csv"), "w") as fh:
        fh.write("a,b,c,d\n" + "\n".join(",".join(str(v) for v in r) for r in TABLES["3x4"]) + "\n")
    cases.append({"args": ["chisq"], "csv": "table3x4.csv", "expected": chisq(TABLES["3x4"], True)})
    with open(os.path.join(d, "cases.json"), "w") as fh:
        json.dump(cases, fh, indent=1)


def main():
    samp, prs, tws = samples(), pairs(), two_samples()
    dump = lambda name, obj: json.dump(obj, open(os.path.join(OUT, name), "w"), indent=1)
    dump("describe.json", [{"name": k, "data": v, "expected": describe(v)} for k, v in samp.items()])
    dump("outliers.json", [{"name": k, "method": m, "data": v, "expected": outliers(v, m)}
                           for k, v in samp.items() if k not in ("constant", "n2", "ties_integers")
                           for m in ("iqr", "zscore", "modified-zscore")])
    dump("correlation.json", [{"name": k, "x": x, "y": y, "expected": correlate(x, y)} for k, (x, y) in prs.items()])
    dump("regression.json", [{"name": k, "x": x, "y": y, "expected": regress(x, y)} for k, (x, y) in prs.items()])
    dump("ttest.json", [{"name": k, "a": a, "b": b, "expected": ttest(a, b)} for k, (a, b) in tws.items()])
    dump("chisq.json", [{"name": k, "table": t, "correction": c, "expected": chisq(t, c)}
                        for k, t in TABLES.items() for c in (True, False)])
    dump("distributions.json", special_cases())
    n = 1_000_000
    x, y, a, b = large_columns(n)
    dump("large.json", {"n": n, "head": {"x": x[:3].tolist(), "y": y[:3].tolist(), "a": a[:3].tolist(), "b": b[:3].tolist()},
                        "describe_x": describe(x), "correlate_xy": correlate(x, y), "regress_xy": regress(x, y),
                        "ttest_ab": ttest(a, b)})
    cli_fixtures(samp, prs, tws)


if __name__ == "__main__":
    main()
