import ConfigYAML
import Model

extension Route {
    static let keys = [
        "receiver", "group_by", "continue", "match", "match_re", "matchers", "routes", "group_wait", "group_interval",
        "repeat_interval", "mute_time_intervals", "active_time_intervals",
    ]

    /// Decodes a route node, inheriting from `parent` as Alertmanager does (receiver,
    /// group_by and the three timers; `continue` and matchers are never inherited).
    /// - Parameter timeIntervals: the names `time_intervals` and `mute_time_intervals` define.
    static func decode(
        _ node: ConfigNode, id: String, parent: (key: String, options: RouteOptions)?, timeIntervals: Set<String> = []
    ) -> Route? {
        guard let fields = AlertmanagerFields(node, keys: keys) else { return nil }
        let isRoot = parent == nil
        var options = parent?.options ?? RouteOptions.rootDefaults(receiver: "")
        if let receiver = fields.string("receiver") { options.receiver = receiver }
        if isRoot && options.receiver.isEmpty {
            node.fail(expected: "a root route with a default receiver", found: "no receiver")
        }
        if let groupBy = fields.strings("group_by") {
            decodeGroupBy(groupBy, into: &options)
        }
        if let wait = fields.duration("group_wait") { options.groupWait = wait }
        for key in ["group_interval", "repeat_interval"] {
            guard let value = fields.duration(key) else { continue }
            if value == .zero {
                fields[key]?.fail(expected: "a \(key) greater than zero")
            } else if key == "group_interval" {
                options.groupInterval = value
            } else {
                options.repeatInterval = value
            }
        }
        options.muteTimeIntervals = decodeIntervalNames(fields, "mute_time_intervals", defined: timeIntervals)
        options.activeTimeIntervals = decodeIntervalNames(fields, "active_time_intervals", defined: timeIntervals)
        let matchers = decodeMatchers(fields)
        let continueMatching = fields.bool("continue") ?? false
        if isRoot {
            if !matchers.isEmpty { node.fail(expected: "a root route without matchers", found: "matchers") }
            if !options.muteTimeIntervals.isEmpty, let value = fields["mute_time_intervals"] {
                value.fail(expected: "a root route without mute time intervals", found: "mute_time_intervals")
            }
            if !options.activeTimeIntervals.isEmpty, let value = fields["active_time_intervals"] {
                value.fail(expected: "a root route without active time intervals", found: "active_time_intervals")
            }
            if continueMatching { (fields["continue"] ?? node).fail(expected: "a root route without continue", found: "continue: true") }
        }
        let ownKey = Route(id: id, parentKey: parent?.key, matchers: matchers, continueMatching: false, options: options, routes: []).key
        var children: [Route] = []
        for (index, childNode) in fields.list("routes").enumerated() {
            if let child = decode(childNode, id: "\(id).\(index)", parent: (ownKey, options), timeIntervals: timeIntervals) { children.append(child) }
        }
        return Route(
            id: id, parentKey: parent?.key, matchers: matchers, continueMatching: continueMatching, options: options,
            routes: children)
    }

    /// A route's `mute_time_intervals` / `active_time_intervals`: names of defined intervals
    /// (an undefined one is amtool's `undefined time interval "x" used in route`).
    private static func decodeIntervalNames(_ fields: AlertmanagerFields, _ key: String, defined: Set<String>) -> [String] {
        var names: [String] = []
        for (name, nameNode) in fields.strings(key) ?? [] {
            if defined.contains(name) {
                names.append(name)
            } else {
                nameNode.fail(
                    expected: "a name defined under time_intervals or mute_time_intervals",
                    found: "undefined time interval \"\(name)\" used in route")
            }
        }
        return names
    }

    /// `group_by`: label names, each once, or `...` alone (group by every label).
    private static func decodeGroupBy(_ groupBy: [(text: String, node: ConfigNode)], into options: inout RouteOptions) {
        options.groupBy = []
        options.groupByAll = false
        if groupBy.contains(where: { $0.text == "..." }) {
            if groupBy.count != 1, let node = groupBy.first?.node {
                node.fail(expected: "either `...` alone or label names in group_by", found: "`...` and other labels")
            }
            options.groupByAll = true
            return
        }
        for (name, node) in groupBy {
            if !MetricNames.isValidLabelName(name) {
                node.fail(expected: "a label name")
            } else if !options.groupBy.insert(name).inserted {
                node.fail(expected: "each label once in group_by", found: "\"\(name)\" again")
            }
        }
    }

    /// `match`, `match_re` (anchored, as Alertmanager anchors legacy regexes, which the
    /// route key then shows) and `matchers`, in that order.
    static func decodeMatchers(_ fields: AlertmanagerFields, prefix: String = "") -> [Matcher] {
        var matchers: [Matcher] = []
        for entry in fields.stringMap(prefix + "match") ?? [] {
            guard MetricNames.isValidLabelName(entry.name) else {
                entry.node.fail(expected: "a label name")
                continue
            }
            do { matchers.append(try Matcher(.equal, entry.name, entry.value)) } catch {
                entry.node.fail(expected: "a valid matcher", found: "\(error)")
            }
        }
        for entry in fields.regexMap(prefix + "match_re") ?? [] {
            do { matchers.append(try Matcher(.regexMatch, entry.name, "^(?:\(entry.value))$")) } catch {
                entry.node.fail(expected: "a valid regular expression", found: "\(error)")
            }
        }
        for (text, node) in fields.strings(prefix + "matchers") ?? [] {
            do { matchers += try MatcherParser.parse(text) } catch {
                node.fail(expected: "a matcher such as severity=\"critical\"", found: error.message)
            }
        }
        return matchers
    }
}
