import Model
import Yams

extension Route {
    /// Decodes a route node, inheriting from `parent` as Alertmanager does (receiver,
    /// group_by and the three timers; `continue` and matchers are never inherited).
    static func decode(
        _ node: Node, path: String, id: String, parent: (key: String, options: RouteOptions)?,
        _ diagnostics: NotifyDiagnostics
    ) -> Route? {
        guard var map = YAMLMap(node, path: path, diagnostics) else { return nil }
        let isRoot = parent == nil
        var options = parent?.options ?? RouteOptions.rootDefaults(receiver: "")
        if let receiver = map.string("receiver") { options.receiver = receiver }
        if isRoot && options.receiver.isEmpty {
            diagnostics.error(node, path, "root route must specify a default receiver")
        }
        if let groupBy = map.stringList("group_by") {
            if groupBy.contains("...") {
                if groupBy.count != 1 {
                    diagnostics.error(map.value("group_by"), map.childPath("group_by"),
                        "cannot have wildcard group_by (`...`) and other labels at the same time")
                }
                options.groupByAll = true
                options.groupBy = []
            } else {
                options.groupByAll = false
                options.groupBy = []
                for name in groupBy {
                    if !MetricNames.isValidLabelName(name) {
                        diagnostics.error(map.value("group_by"), map.childPath("group_by"), "invalid label name \"\(name)\"")
                    } else if !options.groupBy.insert(name).inserted {
                        diagnostics.error(map.value("group_by"), map.childPath("group_by"), "duplicated label \"\(name)\" in group_by")
                    }
                }
            }
        }
        if let wait = map.duration("group_wait") { options.groupWait = wait }
        for key in ["group_interval", "repeat_interval"] {
            guard let value = map.duration(key) else { continue }
            if value == .zero {
                diagnostics.error(map.value(key), map.childPath(key), "\(key) cannot be zero")
            } else if key == "group_interval" {
                options.groupInterval = value
            } else {
                options.repeatInterval = value
            }
        }
        var matchers: [Matcher] = []
        for (name, value, keyNode) in map.stringMap("match") ?? [] {
            do { matchers.append(try Matcher(.equal, name, value)) } catch {
                diagnostics.error(keyNode, map.childPath("match"), "\(error)")
            }
            if !MetricNames.isValidLabelName(name) {
                diagnostics.error(keyNode, map.childPath("match"), "invalid label name \"\(name)\"")
            }
        }
        for (name, value, keyNode) in map.regexMap("match_re") ?? [] {
            // Alertmanager anchors legacy regexes itself, and the route key shows the anchors.
            do { matchers.append(try Matcher(.regexMatch, name, "^(?:\(value))$")) } catch {
                diagnostics.error(keyNode, map.childPath("match_re"), "\(error)")
            }
        }
        if let list = map.stringList("matchers") {
            let listNode = map.value("matchers")
            for (index, text) in list.enumerated() {
                do { matchers += try MatcherParser.parse(text) } catch {
                    diagnostics.error(listNode, "\(map.childPath("matchers"))[\(index)]", "\(error)")
                }
            }
        }
        let continueMatching = map.bool("continue") ?? false
        if isRoot {
            if !matchers.isEmpty { diagnostics.error(node, path, "root route must not have any matchers") }
            if continueMatching { diagnostics.error(node, path, "cannot have continue in root route") }
        }
        map.refuseUnsupported(["mute_time_intervals", "active_time_intervals"])
        let ownKey = Route(id: id, parentKey: parent?.key, matchers: matchers, continueMatching: false, options: options, routes: []).key
        var children: [Route] = []
        for (index, (childNode, childPath)) in map.list("routes").enumerated() {
            if let child = decode(childNode, path: childPath, id: "\(id).\(index)", parent: (ownKey, options), diagnostics) {
                children.append(child)
            }
        }
        map.rejectUnknownKeys()
        return Route(
            id: id, parentKey: parent?.key, matchers: matchers, continueMatching: continueMatching, options: options,
            routes: children)
    }
}
