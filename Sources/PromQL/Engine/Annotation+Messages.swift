import Foundation
import Model

/// The annotations a float engine can raise, worded as `util/annotations/annotations.go`
/// of Prometheus 3.x (the `New…` constructors). Native-histogram ones are left out.
extension Annotation {
    static let warningPrefix = "PromQL warning"
    static let infoPrefix = "PromQL info"

    /// `NewInvalidQuantileWarning`: a quantile outside [0, 1] or NaN.
    static func invalidQuantile(_ q: Double, _ position: PositionRange) -> Annotation {
        Annotation(kind: .warning,
                   message: "\(warningPrefix): quantile value should be between 0 and 1, got \(PromFloat.goV(q))",
                   positionRange: position)
    }

    /// `NewInvalidRatioWarning`: a `limit_ratio` ratio outside [-1, 1], capped to `to`.
    static func invalidRatio(_ ratio: Double, cappedTo to: Double, _ position: PositionRange) -> Annotation {
        Annotation(kind: .warning,
                   message: "\(warningPrefix): ratio value should be between -1 and 1, got \(PromFloat.goV(ratio)), capping to \(PromFloat.goV(to))",
                   positionRange: position)
    }

    /// `NewBadBucketLabelWarning`: a classic bucket whose `le` is missing or not a float.
    /// With delayed name removal (on in 3.x's test engine and here) the metric name is named.
    static func badBucketLabel(metricName: String, label: String, _ position: PositionRange) -> Annotation {
        var message = "\(warningPrefix): bucket label \"le\" is missing or has a malformed value of \(GoQuote.quote(label))"
        if !metricName.isEmpty { message += " for metric name \(GoQuote.quote(metricName))" }
        return Annotation(kind: .warning, message: message, positionRange: position)
    }

    /// `NewSortInRangeQueryWarning`: `sort*` in a range query has no effect.
    static func sortInRangeQuery(_ position: PositionRange) -> Annotation {
        Annotation(kind: .warning,
                   message: "\(warningPrefix): sort is ineffective for range queries since results are always ordered by labels",
                   positionRange: position)
    }

    /// `NewPossibleNonCounterInfo`: `rate`/`increase` over a name without a counter suffix.
    static func possibleNonCounter(metricName: String, _ position: PositionRange) -> Annotation {
        Annotation(kind: .info,
                   message: "\(infoPrefix): metric might not be a counter, name does not end in _total/_sum/_count/_bucket: \(GoQuote.quote(metricName))",
                   positionRange: position)
    }

    /// `NewHistogramQuantileForcedMonotonicityInfo`: classic buckets had to be made monotonic.
    static func forcedMonotonicity(
        metricName: String, _ position: PositionRange, at t: Int64, minBucket: Double, maxBucket: Double, maxDiff: Double
    ) -> Annotation {
        var message = "\(infoPrefix): input to histogram_quantile needed to be fixed for monotonicity (see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile)"
        if !metricName.isEmpty { message += " for metric name \(GoQuote.quote(metricName))" }
        var annotation = Annotation(kind: .info, message: message, positionRange: position)
        annotation.monotonicity = MonotonicityFix(
            minTimestamp: t, maxTimestamp: t, minBucket: minBucket, maxBucket: maxBucket, maxDiff: maxDiff, merges: 0)
        return annotation
    }

    /// `NewHistogramIgnoredInAggregationInfo`: max, min, stddev, stdvar, quantile, topk,
    /// bottomk skip native histograms.
    static func histogramIgnoredInAggregation(_ aggregation: String, _ position: PositionRange) -> Annotation {
        Annotation(kind: .info, message: "\(infoPrefix): ignored histogram in \(aggregation) aggregation", positionRange: position)
    }

    /// `NewMixedFloatsHistogramsAggWarning`: sum/avg over floats and histograms together.
    static func mixedFloatsHistogramsAggregation(_ position: PositionRange) -> Annotation {
        Annotation(kind: .warning, message: "\(warningPrefix): encountered a mix of histograms and floats for aggregation",
                   positionRange: position)
    }

    /// `NewIncompatibleTypesInBinOpInfo`: e.g. a histogram compared with a float.
    static func incompatibleTypesInBinaryOperation(
        _ lhsType: String, _ op: String, _ rhsType: String, _ position: PositionRange
    ) -> Annotation {
        Annotation(kind: .info,
                   message: "\(infoPrefix): incompatible sample types encountered for binary operator \(GoQuote.quote(op)): \(lhsType) \(op) \(rhsType)",
                   positionRange: position)
    }

    /// `NewMixedFloatsHistogramsWarning`: a function's window mixes floats and histograms.
    static func mixedFloatsHistograms(metricName: String, _ position: PositionRange) -> Annotation {
        Annotation(kind: .warning,
                   message: "\(warningPrefix): encountered a mix of histograms and floats for metric name \(GoQuote.quote(metricName))",
                   positionRange: position)
    }

    /// `NewHistogramIgnoredInMixedRangeInfo`: a float function skipped a window's histograms.
    static func histogramIgnoredInMixedRange(metricName: String, _ position: PositionRange) -> Annotation {
        Annotation(kind: .info,
                   message: "\(infoPrefix): ignored histograms in a range containing both floats and histograms for metric name \(GoQuote.quote(metricName))",
                   positionRange: position)
    }

    /// `NewMixedClassicNativeHistogramsWarning`: classic buckets and a native histogram
    /// with the same labels at one step.
    static func mixedClassicNativeHistograms(metricName: String, _ position: PositionRange) -> Annotation {
        var message = "\(warningPrefix): vector contains a mix of classic and native histograms"
        if !metricName.isEmpty { message += " for metric name \(GoQuote.quote(metricName))" }
        return Annotation(kind: .warning, message: message, positionRange: position)
    }

    /// Whether `rate`/`increase` should question `name` (`possibleNonCounter`).
    static func lacksCounterSuffix(_ name: String) -> Bool {
        !["_total", "_sum", "_count", "_bucket"].contains { name.hasSuffix($0) }
    }
}

extension GoFormat {
    /// `%.2g`: two significant digits, exponent form below 1e-4 or from 100 on, trailing
    /// zeros dropped (`0.5`, `10`, `1e+02`, `1.5e-05`).
    static func g2(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        // C's %g implements the same rule as Go's for finite values.
        return String(format: "%.2g", value)
    }

    /// `time.Unix(s, 0).UTC().Format(time.RFC3339)`, e.g. `1970-01-01T00:50:00Z`.
    static func rfc3339(seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = CivilDate.civil(fromDays: days)
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let yearText = year >= 0 && year < 10_000
            ? String(repeating: "0", count: 4 - String(year).count) + String(year) : String(year)
        return "\(yearText)-\(two(month))-\(two(day))T\(two(secondOfDay / 3600)):\(two(secondOfDay % 3600 / 60)):\(two(secondOfDay % 60))Z"
    }
}
