import Model

/// rulefmt's `RuleGroups.Validate` and `Rule.Validate`, check for check, in the same order.
extension RuleFileDecoder {
    func isValidMetricName(_ name: String) -> Bool {
        compatibility == .prometheus3 ? !name.isEmpty : MetricNames.isValidMetricName(name)
    }

    func isValidLabelName(_ name: String) -> Bool {
        compatibility == .prometheus3 ? !name.isEmpty : MetricNames.isValidLabelName(name)
    }

    func validate(_ file: RuleFile) -> [RuleFileError] {
        var errors: [RuleFileError] = []
        var seen: Set<String> = []
        for group in file.groups {
            let position = RuleFileError.Position(line: group.line, column: group.column)
            if group.name.isEmpty {
                errors.append(RuleFileError(file: file.path, position: position, message: "Groupname must not be empty"))
            }
            if seen.contains(group.name) {
                errors.append(RuleFileError(
                    file: file.path, position: position, message: "groupname: \"\(group.name)\" is repeated in the same file"))
            }
            seen.insert(group.name)
            for label in group.labels where !isValidLabelName(label.key) || label.key == LabelName.metricName {
                errors.append(RuleFileError(file: file.path, message: "invalid label name: \(label.key)"))
            }
            for (index, rule) in group.rules.enumerated() {
                let context = RuleFileError.RuleContext(group: group.name, index: index + 1, name: rule.name)
                errors += validate(rule).map { problem in
                    var error = problem
                    error.file = file.path
                    error.rule = context
                    return error
                }
            }
        }
        return errors
    }

    private func validate(_ rule: RuleFile.Rule) -> [RuleFileError] {
        func at(_ located: RuleFile.Located?) -> RuleFileError.Position {
            RuleFileError.Position(line: located?.line ?? 0, column: located?.column ?? 0)
        }
        func error(_ message: String, _ position: RuleFileError.Position? = nil, _ alternate: RuleFileError.Position? = nil) -> RuleFileError {
            RuleFileError(file: "", position: position, alternatePosition: alternate, message: message)
        }
        var errors: [RuleFileError] = []
        let record = rule.record?.value ?? ""
        let alert = rule.alert?.value ?? ""
        // 2.42 prints only the `record` position for these; 3.x adds the `alert` one.
        let alternate = compatibility == .prometheus3 ? at(rule.alert) : nil
        if !record.isEmpty && !alert.isEmpty {
            errors.append(error("only one of 'record' and 'alert' must be set", at(rule.record), at(rule.alert)))
        }
        if record.isEmpty && alert.isEmpty {
            errors.append(error("one of 'record' or 'alert' must be set", at(rule.record), alternate))
        }
        let expr = rule.expr?.value ?? ""
        if expr.isEmpty {
            errors.append(error("field 'expr' must be set in rule", at(rule.expr)))
        } else if let problem = checkExpression(expr) {
            errors.append(error("could not parse expression: \(problem)", at(rule.expr)))
        }
        if !record.isEmpty {
            if !rule.annotations.isEmpty { errors.append(error("invalid field 'annotations' in recording rule", at(rule.record))) }
            if rule.forDuration != .zero { errors.append(error("invalid field 'for' in recording rule", at(rule.record))) }
            if rule.keepFiringFor != .zero {
                errors.append(error("invalid field 'keep_firing_for' in recording rule", at(rule.record)))
            }
            if !isValidMetricName(record) { errors.append(error("invalid recording rule name: \(record)", at(rule.record))) }
            if compatibility == .prometheus3 && (record.contains("{") || record.contains("}")) {
                errors.append(error("braces present in the recording rule name; should it be in expr?: \(record)", at(rule.record)))
            }
        }
        for label in rule.labels where !isValidLabelName(label.key) || label.key == LabelName.metricName {
            errors.append(error("invalid label name: \(label.key)"))
        }
        for annotation in rule.annotations where !isValidLabelName(annotation.key) {
            errors.append(error("invalid annotation name: \(annotation.key)"))
        }
        if !alert.isEmpty {
            for label in rule.labels {
                do { _ = try AlertTemplate.parse(label.value, alert: alert) } catch {
                    errors.append(RuleFileError(file: "", message: "label \(GoPrintf.goQuote(label.key)): \(error.message)"))
                }
            }
            for annotation in rule.annotations {
                do { _ = try AlertTemplate.parse(annotation.value, alert: alert) } catch {
                    errors.append(RuleFileError(file: "", message: "annotation \(GoPrintf.goQuote(annotation.key)): \(error.message)"))
                }
            }
        }
        return errors
    }

    /// promtool's `duplicate-rules` lint: rules sharing a name and label set (group labels
    /// merged in on 3.x), reported once per duplicated (name, labels).
    public func duplicateRules(in file: RuleFile) -> RuleFileError? {
        var keyed: [(metric: String, labels: Labels)] = []
        for group in file.groups {
            for rule in group.rules {
                var labels = compatibility == .prometheus3 ? Labels(group.labels.map { Label(name: $0.key, value: $0.value) }) : Labels()
                for label in rule.labels { labels.set(label.key, to: label.value) }
                let metric = rule.isAlerting ? rule.alert?.value ?? "" : rule.record?.value ?? ""
                keyed.append((metric, labels))
            }
        }
        func less(_ a: (metric: String, labels: Labels), _ b: (metric: String, labels: Labels)) -> Bool {
            a.metric != b.metric ? a.metric.utf8.lexicographicallyPrecedes(b.metric.utf8) : a.labels < b.labels
        }
        keyed.sort(by: less)
        var duplicates: [(metric: String, labels: Labels)] = []
        for i in keyed.indices.dropFirst() where keyed[i].metric == keyed[i - 1].metric && keyed[i].labels == keyed[i - 1].labels {
            if let last = duplicates.last, last.metric == keyed[i].metric && last.labels == keyed[i].labels { continue }
            duplicates.append(keyed[i])
        }
        guard !duplicates.isEmpty else { return nil }
        var message = "\(duplicates.count) duplicate rule(s) found.\n"
        for duplicate in duplicates {
            message += "Metric: \(duplicate.metric)\nLabel(s):\n"
            for label in duplicate.labels { message += "\t\(label.name): \(label.value)\n" }
        }
        message += "Might cause inconsistency while recording expressions"
        return RuleFileError(file: file.path, message: message, isLint: true)
    }
}
