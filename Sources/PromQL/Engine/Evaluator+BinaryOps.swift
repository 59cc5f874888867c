public import Model

extension Evaluator {
    func evalBinary(_ binary: BinaryExpr) throws -> Matrix {
        let lhsType = binary.lhs.type, rhsType = binary.rhs.type
        let lhs = try evalKeepingHistograms(binary.lhs).matrix
        let rhs = try evalKeepingHistograms(binary.rhs).matrix
        let op = binary.op
        let histograms = HistogramRule(
            active: context.histogramPlaceholders, position: binary.positionRange, annotate: context.annotate)
        switch (lhsType, rhsType) {
        case (.scalar, .scalar):
            return try rangeEval([lhs, rhs]) { _, ts, inputs in
                guard let l = inputs[0].vector.first, let r = inputs[1].vector.first else { return [] }
                return [Sample(labels: Labels(), timestamp: ts, value: Self.scalarBinop(op, l.value, r.value))]
            }
        case (.vector, .scalar), (.scalar, .vector):
            let swap = lhsType == .scalar
            return try rangeEval([lhs, rhs]) { _, _, inputs in
                let vector = swap ? inputs[1].vector : inputs[0].vector
                guard let scalar = (swap ? inputs[0].vector : inputs[1].vector).first?.value else { return [] }
                return Self.vectorScalarBinop(op, vector, scalar, swap: swap, returnBool: binary.returnBool,
                                              histograms: histograms)
            }
        default:
            let matching = binary.vectorMatching ?? VectorMatching(card: op.isSetOperator ? .manyToMany : .oneToOne)
            let lhsSigs = signatures(lhs, matching), rhsSigs = signatures(rhs, matching, startingAfter: lhsSigs)
            return try rangeEval([lhs, rhs]) { _, _, inputs in
                let lsig = inputs[0].origins.map { lhsSigs.ordinals[$0] }
                let rsig = inputs[1].origins.map { rhsSigs.ordinals[$0] }
                switch op {
                case .and:
                    if inputs[0].vector.isEmpty || inputs[1].vector.isEmpty { return [] }
                    let present = Set(rsig)
                    return zip(inputs[0].vector, lsig).filter { present.contains($0.1) }.map(\.0)
                case .or:
                    let present = Set(lsig)
                    return inputs[0].vector + zip(inputs[1].vector, rsig).filter { !present.contains($0.1) }.map(\.0)
                case .unless:
                    let present = Set(rsig)
                    return zip(inputs[0].vector, lsig).filter { !present.contains($0.1) }.map(\.0)
                default:
                    return try Self.vectorBinop(op, inputs[0].vector, lsig, inputs[1].vector, rsig,
                                                matching: matching, returnBool: binary.returnBool, histograms: histograms)
                }
            }
        }
    }

    /// Match-signature ordinals per series: equal ordinals mean the series match.
    struct Signatures {
        var ordinals: [Int]
        var table: [Labels: Int]
    }

    func signatures(_ matrix: Matrix, _ matching: VectorMatching, startingAfter other: Signatures? = nil) -> Signatures {
        var table = other?.table ?? [:]
        var ordinals: [Int] = []
        ordinals.reserveCapacity(matrix.count)
        for series in matrix {
            let key = Self.matchLabels(series.labels, matching)
            if let ordinal = table[key] {
                ordinals.append(ordinal)
            } else {
                table[key] = table.count
                ordinals.append(table.count - 1)
            }
        }
        return Signatures(ordinals: ordinals, table: table)
    }

    /// `Labels.MatchLabels`: the `on` labels, or all but the `ignoring` ones and `__name__`.
    static func matchLabels(_ labels: Labels, _ matching: VectorMatching) -> Labels {
        if matching.on { return labels.keeping(Set(matching.matchingLabels)) }
        return labels.removing(Set(matching.matchingLabels + [LabelName.metricName]))
    }

    static func scalarBinop(_ op: BinaryOp, _ l: Double, _ r: Double) -> Double {
        switch op {
        case .add: l + r
        case .sub: l - r
        case .mul: l * r
        case .div: l / r
        case .pow: MathFunctions.pow(l, r)
        case .mod: MathFunctions.mod(l, r)
        case .atan2: MathFunctions.atan2(l, r)
        case .eql: l == r ? 1 : 0
        case .neq: l != r ? 1 : 0
        case .gtr: l > r ? 1 : 0
        case .lss: l < r ? 1 : 0
        case .gte: l >= r ? 1 : 0
        case .lte: l <= r ? 1 : 0
        default: .nan
        }
    }

    /// `vectorElemBinop` for floats: the value and whether a comparison keeps the sample.
    static func elementBinop(_ op: BinaryOp, _ l: Double, _ r: Double) -> (Double, Bool) {
        switch op {
        case .eql: (l, l == r)
        case .neq: (l, l != r)
        case .gtr: (l, l > r)
        case .lss: (l, l < r)
        case .gte: (l, l >= r)
        case .lte: (l, l <= r)
        case .trimUpper, .trimLower: (0, false)
        default: (scalarBinop(op, l, r), true)
        }
    }

    /// Arithmetic operators change what a series means, so they drop its name.
    static func changesMetricSchema(_ op: BinaryOp) -> Bool {
        switch op {
        case .add, .sub, .mul, .div, .pow, .mod, .atan2: true
        default: false
        }
    }

    static func vectorScalarBinop(
        _ op: BinaryOp, _ vector: Vector, _ scalar: Double, swap: Bool, returnBool: Bool,
        histograms: HistogramRule = .inactive
    ) -> Vector {
        var out: Vector = []
        out.reserveCapacity(vector.count)
        for var sample in vector {
            if histograms.active && HistogramPlaceholder.isPlaceholder(sample.value) {
                // Only histogram * float, float * histogram and histogram / float are defined.
                guard histograms.outcome(op, lhsIsHistogram: !swap, rhsIsHistogram: swap) == .histogram else { continue }
                if changesMetricSchema(op) { sample.dropName = true }
                out.append(sample)
                continue
            }
            let (l, r) = swap ? (scalar, sample.value) : (sample.value, scalar)
            var (value, keep) = elementBinop(op, l, r)
            if op.isComparison && swap { value = r }
            if returnBool {
                value = keep ? 1 : 0
                keep = true
            }
            guard keep else { continue }
            sample.value = value
            if changesMetricSchema(op) || returnBool { sample.dropName = true }
            out.append(sample)
        }
        return out
    }
}
