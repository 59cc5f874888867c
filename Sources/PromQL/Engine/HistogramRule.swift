import Model

/// What a binary operator does when a native histogram (placeholder) takes part, as
/// `vectorElemBinop` in engine.go: histogram ± histogram, histogram × float, float ×
/// histogram and histogram ÷ float give a histogram; histograms compare with `==`/`!=`
/// only to histograms; every other mix drops the pair with an info
/// (`incompatible sample types encountered for binary operator`).
struct HistogramRule {
    var active: Bool
    var position: PositionRange
    var annotate: (Annotation) -> Void

    static var inactive: HistogramRule {
        HistogramRule(active: false, position: PositionRange(start: 0, end: 0), annotate: { _ in })
    }

    enum Outcome: Equatable {
        /// The result is a histogram.
        case histogram
        /// Two histograms compared; placeholders carry no buckets, so all are equal.
        case equal(Bool)
        /// No result (the info has been recorded).
        case incompatible
    }

    func outcome(_ op: BinaryOp, lhsIsHistogram: Bool, rhsIsHistogram: Bool) -> Outcome {
        switch (lhsIsHistogram, rhsIsHistogram, op) {
        case (false, true, .mul), (true, false, .mul), (true, false, .div), (true, true, .add), (true, true, .sub):
            return .histogram
        case (true, true, .eql):
            return .equal(true)
        case (true, true, .neq):
            return .equal(false)
        default:
            annotate(.incompatibleTypesInBinaryOperation(
                lhsIsHistogram ? "histogram" : "float", op.rawValue, rhsIsHistogram ? "histogram" : "float", position))
            return .incompatible
        }
    }
}
