/// How far out an outlier lies, in the four bands of the seeds' `bin_optimization_outliers`
/// table. SEVERE and EXTREME are the "critical" outliers that need investigation.
public enum OutlierSeverity: String, Sendable, CaseIterable, Comparable {
    case mild = "MILD"
    case moderate = "MODERATE"
    case severe = "SEVERE"
    case extreme = "EXTREME"

    /// SEVERE or EXTREME: counted by `statistical_analysis_critical_outlier_count`.
    public var isCritical: Bool { self == .severe || self == .extreme }

    public static func < (l: Self, r: Self) -> Bool {
        allCases.firstIndex(of: l)! < allCases.firstIndex(of: r)!
    }
}

/// The outlier detection methods.
public enum OutlierMethod: String, Sendable, CaseIterable {
    /// Tukey's fences: outside Q1 − 1.5·IQR … Q3 + 1.5·IQR.
    case iqr
    /// |x − mean| / s > 3, s the sample standard deviation.
    case zScore = "zscore"
    /// Iglewicz–Hoaglin: 0.6745·|x − median| / MAD > 3.5.
    case modifiedZScore = "modified-zscore"

    /// The score above which a value is an outlier, and the lower edges of the MODERATE, SEVERE and
    /// EXTREME bands.
    ///
    /// - IQR (score = distance beyond the nearer quartile in IQRs): 1.5 is Tukey's inner fence and
    ///   3.0 his outer fence ("beyond 3.0 IQR is the severe band", issue 7); the band between the
    ///   fences is halved into MILD/MODERATE at 2.25, and the band past 3.0 into SEVERE/EXTREME at
    ///   4.5 (as far past the outer fence as the inner fence is past the quartile).
    /// - z-score and modified z-score: the seeds' statistical-analysis service reports nothing below
    ///   the method's threshold and bands above it in steps of 0.5 (z: MODERATE > 3, SEVERE > 3.5,
    ///   EXTREME > 4; modified z: > 3.5, > 4, > 4.5). Its SQL labels the first band MODERATE, so a
    ///   z outlier is never MILD; MILD remains the IQR band between the inner fence and 2.25.
    public var bands: (threshold: Double, moderate: Double, severe: Double, extreme: Double) {
        switch self {
        case .iqr: return (1.5, 2.25, 3.0, 4.5)
        case .zScore: return (3.0, 3.0, 3.5, 4.0)
        case .modifiedZScore: return (3.5, 3.5, 4.0, 4.5)
        }
    }

    /// The severity of an outlier with `score` (already known to be above the threshold).
    public func severity(score: Double) -> OutlierSeverity {
        let b = bands
        if score > b.extreme { return .extreme }
        if score > b.severe { return .severe }
        if score > b.moderate { return .moderate }
        return .mild
    }
}

/// One detected outlier.
public struct Outlier: Sendable, Equatable {
    /// Position in the input (0-based).
    public var index: Int
    /// The value itself.
    public var value: Double
    /// The method's score, ≥ 0: IQRs beyond the nearer quartile, |z|, or the modified |z|.
    public var score: Double
    /// The band the score falls in.
    public var severity: OutlierSeverity
}

/// The outliers of a sample by one method, with the centre and spread the scores were measured from.
public struct OutlierReport: Sendable, Equatable {
    /// The method used.
    public var method: OutlierMethod
    /// Number of values scanned.
    public var n: Int
    /// Values outside these fences are outliers.
    public var lowerFence: Double
    /// See `lowerFence`.
    public var upperFence: Double
    /// In input order.
    public var outliers: [Outlier]

    /// SEVERE and EXTREME outliers.
    public var criticalCount: Int { outliers.count { $0.severity.isCritical } }

    /// Detects the outliers of `values` by `method`.
    /// - Throws: `.tooFewValues` below 2 values (3 for z-scores, which need a sample deviation with
    ///   a point left over), `.nonFinite`, `.zeroSpread` when IQR or MAD is 0 while values differ.
    public init(_ values: [Double], method: OutlierMethod) throws(StatisticsError) {
        guard values.count >= 2 else { throw .tooFewValues(needed: 2, got: values.count) }
        try values.requireFinite("values")
        self.method = method
        n = values.count
        let scale: Double, score: (Double) -> Double
        switch method {
        case .iqr:
            let q = try Percentile.compute(values, at: [25, 75])
            let (q1, q3) = (q[0], q[1])
            let iqr = q3 - q1
            lowerFence = q1 - 1.5 * iqr
            upperFence = q3 + 1.5 * iqr
            scale = iqr
            score = { x in x < q1 ? (q1 - x) / iqr : (x - q3) / iqr }
        case .zScore:
            let (mean, variance) = try Moments.meanAndVariance(values)
            let s = variance.squareRoot()
            lowerFence = mean - 3 * s
            upperFence = mean + 3 * s
            scale = s
            score = { x in abs(x - mean) / s }
        case .modifiedZScore:
            let median = try Percentile.compute(values, at: [50])[0]
            let mad = try Percentile.compute(values.map { abs($0 - median) }, at: [50])[0]
            lowerFence = median - 3.5 * mad / 0.6745
            upperFence = median + 3.5 * mad / 0.6745
            scale = mad
            score = { x in 0.6745 * abs(x - median) / mad }
        }
        let (low, high) = (lowerFence, upperFence)
        if scale == 0 {
            // Nothing differs from the centre (no outliers), or the scale is degenerate.
            let centreOnly = values.allSatisfy { $0 >= low && $0 <= high }
            guard centreOnly else { throw .zeroSpread(method: method.rawValue) }
            outliers = []
            return
        }
        let threshold = method.bands.threshold
        var found: [Outlier] = []
        for (i, x) in values.enumerated() {
            // IQR membership is the fence test the method is defined by; the z methods compare scores.
            let outside = method == .iqr ? (x < low || x > high) : score(x) > threshold
            guard outside else { continue }
            let s = score(x)
            found.append(Outlier(index: i, value: x, score: s, severity: method.severity(score: s)))
        }
        outliers = found
    }
}
