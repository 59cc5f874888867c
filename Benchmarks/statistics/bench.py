#!/usr/bin/env python3
"""numpy/scipy side of the statistics benchmark: the same million values as bench.swift."""
import os, sys, time
import numpy as np
from scipy import stats

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
import importlib.util
spec = importlib.util.spec_from_file_location("gen", os.path.join(sys.path[0], "gen-statistics-fixtures.py"))
gen = importlib.util.module_from_spec(spec); spec.loader.exec_module(gen)

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
x, y, a, b = gen.large_columns(n)
REPEATS = 7


def describe(v):
    m = np.mean(v); sd = np.std(v, ddof=1)
    ps = np.percentile(v, [25, 50, 75, 90, 95, 99])
    half = stats.t.ppf(0.975, v.size - 1) * sd / np.sqrt(v.size)
    return m + np.median(v) + np.var(v, ddof=1) + v.min() + v.max() + ps[-1] + (m - half)


def bench(name, fn):
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter(); fn(); times.append((time.perf_counter() - t0) * 1e3)
    times.sort()
    print(f"{name:<10} best {times[0]:8.2f} ms  median {times[REPEATS // 2]:8.2f} ms")


print(f"numpy {np.__version__}, scipy {__import__('scipy').__version__}, n = {n}")
bench("describe", lambda: describe(x))
bench("spearman", lambda: stats.spearmanr(x, y))
bench("welch", lambda: stats.ttest_ind(a, b, equal_var=False))
