import TestSupport
import Foundation
import PostgresTesting

/// Reference values computed by scipy/numpy from exactly the rows the test database holds
/// (read back through psql, so both sides parse the same text).
enum ScipyReference {
    struct ReferenceError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// Reads `rows` (psql's `a|b|c` lines) with the script below and returns its JSON. The first
    /// `python3` on PATH runs it (the one with numpy/scipy; Debian's /usr/bin/python3 may lack them).
    static func compute(rows: String) async throws -> [String: Any] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-scipy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("reference.py"), data = directory.appendingPathComponent("rows.txt")
        try Data(Self.script.utf8).write(to: script)
        try Data(rows.utf8).write(to: data)
        let result = try await ChildProcess.run(
            ["/usr/bin/env", "python3", script.path, data.path], environment: ProcessInfo.processInfo.environment)
        guard result.status == 0 else { throw ReferenceError(message: "reference.py failed: \(result.stderr)") }
        guard let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw ReferenceError(message: "reference.py printed no JSON object: \(result.stdout)")
        }
        return json
    }

    /// Columns: id | algorithm | x | y | v | t | trend_value | score | accepted (t/f).
    /// The outlier bands are issue 7's definitions as Statistics/Outliers.swift documents them.
    static let script = #"""
        import json, sys
        import numpy as np
        from scipy import stats

        rows = [l.split('|') for l in open(sys.argv[1]).read().splitlines() if l]
        col = lambda i: [r[i] for r in rows]
        num = lambda i: np.array([float(v) for v in col(i)])
        alg, x, y, v, t, tv, score, acc = col(1), num(2), num(3), num(4), num(5), num(6), num(7), col(8)
        out = {}

        # describe
        n = len(v); m = float(np.mean(v)); s = float(np.std(v, ddof=1))
        lo, hi = stats.t.interval(0.95, n - 1, loc=m, scale=s / np.sqrt(n))
        out['describe'] = dict(mean=m, median=float(np.median(v)), stddev=s, variance=float(np.var(v, ddof=1)),
                               min=float(np.min(v)), max=float(np.max(v)),
                               **{f'p{q}': float(np.percentile(v, q)) for q in (25, 50, 75, 90, 95, 99)},
                               ci95_low=float(lo), ci95_high=float(hi))

        # outliers: counts by method and severity, critical = SEVERE/EXTREME by any method
        def severity(sc, bands):
            _, moderate, severe, extreme = bands
            return 'EXTREME' if sc > extreme else 'SEVERE' if sc > severe else 'MODERATE' if sc > moderate else 'MILD'
        q1, q3 = np.percentile(v, [25, 75]); iqr = q3 - q1
        med = np.median(v); mad = np.median(np.abs(v - med))
        methods = {
            'iqr': ((1.5, 2.25, 3.0, 4.5), lambda a: (q1 - a) / iqr if a < q1 else (a - q3) / iqr,
                    lambda a: a < q1 - 1.5 * iqr or a > q3 + 1.5 * iqr),
            'zscore': ((3.0, 3.0, 3.5, 4.0), lambda a: abs(a - m) / s, lambda a: abs(a - m) / s > 3.0),
            'modified-zscore': ((3.5, 3.5, 4.0, 4.5), lambda a: 0.6745 * abs(a - med) / mad,
                                lambda a: 0.6745 * abs(a - med) / mad > 3.5),
        }
        counts, critical = {}, set()
        for name, (bands, sc, outside) in methods.items():
            c = dict(MILD=0, MODERATE=0, SEVERE=0, EXTREME=0)
            for i, a in enumerate(v):
                if outside(a):
                    sev = severity(sc(a), bands); c[sev] += 1
                    if sev in ('SEVERE', 'EXTREME'): critical.add(i)
            counts[name] = c
        out['outliers'] = dict(counts=counts, critical=len(critical))

        # correlation x ~ y
        pr = stats.pearsonr(x, y); sr = stats.spearmanr(x, y)
        out['correlation'] = dict(pearson=float(pr[0]), pearson_p=float(pr[1]), spearman=float(sr[0]), n=len(x))

        # trend of trend_value over t
        lr = stats.linregress(t, tv)
        out['trend'] = dict(slope=float(lr.slope), p=float(lr.pvalue), n=len(t))

        # A/B: HYBRID (a) vs FFD (b), Welch
        a = np.array([sc for g, sc in zip(alg, score) if g == 'HYBRID'])
        b = np.array([sc for g, sc in zip(alg, score) if g == 'FFD'])
        w = stats.ttest_ind(a, b, equal_var=False)
        pooled = np.sqrt(((len(a) - 1) * np.var(a, ddof=1) + (len(b) - 1) * np.var(b, ddof=1)) / (len(a) + len(b) - 2))
        out['ab_test'] = dict(p=float(w.pvalue), d=float((np.mean(a) - np.mean(b)) / pooled), n=min(len(a), len(b)))

        # chi-square: algorithm x accepted (3 x 2), and HYBRID/FFD only (2 x 2, Yates)
        groups, outcomes = sorted(set(alg)), sorted(set(acc))
        table = [[sum(1 for g, o in zip(alg, acc) if g == gr and o == oc) for oc in outcomes] for gr in groups]
        c3 = stats.chi2_contingency(table)
        two = [table[groups.index('FFD')], table[groups.index('HYBRID')]]
        c2 = stats.chi2_contingency(two)
        out['chisq'] = dict(p3=float(c3[1]), n3=int(np.sum(table)), p2=float(c2[1]), n2=int(np.sum(two)))
        print(json.dumps(out))
        """#
}
