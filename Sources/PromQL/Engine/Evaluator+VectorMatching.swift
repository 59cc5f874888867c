public import Model

extension Evaluator {
    /// `VectorBinop`: one-to-one or many-to-one/one-to-many matching by signature, with
    /// Prometheus's errors for duplicate series on the "one" side and ambiguous matches.
    static func vectorBinop(
        _ op: BinaryOp, _ lhs0: Vector, _ lsig0: [Int], _ rhs0: Vector, _ rsig0: [Int],
        matching: VectorMatching, returnBool: Bool, histograms: HistogramRule = .inactive
    ) throws -> Vector {
        let fill = matching.fillValues
        if (lhs0.isEmpty && rhs0.isEmpty) || ((lhs0.isEmpty || rhs0.isEmpty) && fill.lhs == nil && fill.rhs == nil) {
            return []
        }
        let swapped = matching.card == .oneToMany
        let (lhs, lsig, rhs, rsig) = swapped ? (rhs0, rsig0, lhs0, lsig0) : (lhs0, lsig0, rhs0, rsig0)
        var rightBySig: [Int: Sample] = [:]
        for (rs, sig) in zip(rhs, rsig) {
            if let duplicate = rightBySig[sig] {
                let matched = matchLabels(rs.labels, matching)
                var pair = [PromLabelsFormat.string(rs.labels), PromLabelsFormat.string(duplicate.labels)]
                if pair[0] > pair[1] { pair.swapAt(0, 1) }
                throw EvaluationError.execution(
                    "found duplicate series for the match group \(PromLabelsFormat.string(matched)) on the "
                        + "\(swapped ? "left" : "right") hand-side of the operation: [\(pair[0]), \(pair[1])]"
                        + ";many-to-many matching not allowed: matching labels must be unique on one side")
            }
            rightBySig[sig] = rs
        }
        var matchedOneToOne = Set<Int>()
        var matchedMany: [Int: Set<Labels>] = [:]
        var out: Vector = []
        func apply(_ ls: Sample, _ rs: Sample, _ sig: Int) throws {
            let (fl, fr) = swapped ? (rs.value, ls.value) : (ls.value, rs.value)
            var (value, keep) = (0.0, false)
            let lh = histograms.active && HistogramPlaceholder.isPlaceholder(fl)
            let rh = histograms.active && HistogramPlaceholder.isPlaceholder(fr)
            if lh || rh {
                switch histograms.outcome(op, lhsIsHistogram: lh, rhsIsHistogram: rh) {
                case .incompatible: return  // Before the match is recorded, as engine.go does.
                case .histogram: (value, keep) = (HistogramPlaceholder.value, true)
                case .equal(let equal): (value, keep) = (HistogramPlaceholder.value, equal)
                }
            } else {
                (value, keep) = elementBinop(op, fl, fr)
            }
            if returnBool { value = keep ? 1 : 0 }
            let metric = resultMetric(ls.labels, rs.labels, op, matching)
            if matching.card == .oneToOne {
                if matchedOneToOne.contains(sig) {
                    throw EvaluationError.execution(
                        "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)")
                }
                matchedOneToOne.insert(sig)
            } else {
                if matchedMany[sig, default: []].contains(metric) {
                    throw EvaluationError.execution("multiple matches for labels: grouping labels must ensure unique matches")
                }
                matchedMany[sig, default: []].insert(metric)
            }
            if !keep && !returnBool { return }
            out.append(Sample(labels: metric, timestamp: ls.timestamp, value: value, dropName: returnBool))
        }
        for (ls, sig) in zip(lhs, lsig) {
            if let rs = rightBySig[sig] {
                try apply(ls, rs, sig)
            } else if let value = fill.rhs {
                // Experimental fill modifiers: an unmatched side gets a stand-in sample.
                try apply(ls, Sample(labels: matchLabels(ls.labels, matching), timestamp: ls.timestamp, value: value), sig)
            }
        }
        if let value = fill.lhs {
            for (rs, sig) in zip(rhs, rsig) {
                let matched = matching.card == .oneToOne ? matchedOneToOne.contains(sig) : !(matchedMany[sig]?.isEmpty ?? true)
                if matched { continue }
                try apply(Sample(labels: matchLabels(rs.labels, matching), timestamp: rs.timestamp, value: value), rs, sig)
            }
        }
        return out
    }

    /// The result labels: the "many" side's, without `__name__` for arithmetic, reduced
    /// to the `on` labels (or without the `ignoring` ones) for one-to-one matching, plus
    /// the `group_x` labels copied from the "one" side.
    static func resultMetric(_ lhs: Labels, _ rhs: Labels, _ op: BinaryOp, _ matching: VectorMatching) -> Labels {
        var labels = lhs
        if changesMetricSchema(op) { labels = labels.removing([LabelName.metricName, "__type__", "__unit__"]) }
        if matching.card == .oneToOne {
            labels = matching.on ? labels.keeping(Set(matching.matchingLabels)) : labels.removing(Set(matching.matchingLabels))
        }
        for name in matching.include {
            labels.set(name, to: rhs[name] ?? "")
        }
        return labels
    }
}

/// Prometheus's `labels.Labels.String()`: `{__name__="x", a="b"}`, values Go-quoted.
enum PromLabelsFormat {
    static func string(_ labels: Labels) -> String {
        "{" + labels.pairs.map { pair in
            let name = MetricNames.isValidLabelName(pair.name) ? pair.name : GoQuote.quote(pair.name)
            return "\(name)=\(GoQuote.quote(pair.value))"
        }.joined(separator: ", ") + "}"
    }
}
