public import Model

/// The routing tree as amtool 0.25 prints it (`amtool config routes [show]` and
/// `config routes test --tree`), drawn as github.com/xlab/treeprint draws it, bytes included:
/// a `.` root line, `├── `/`└── ` edges, and `│` + two no-break spaces + a space under a
/// parent that has later siblings (four spaces under a last child).
public enum RouteTree {
    /// `amtool config routes show`: every route with `continue: true` where set and its receiver.
    /// - Returns: the lines after amtool's `Routing tree:` header, each ending in a newline.
    public static func render(_ root: Route) -> String {
        draw(node(root))
    }

    /// `amtool config routes test --tree`: the routes `labels` descends through (each
    /// matching child, stopping after the first that does not continue); only the routes
    /// where the alert ends show their receiver.
    /// - Returns: the lines after amtool's `Matching routes:` header, each ending in a newline.
    public static func renderMatching(_ root: Route, labels: Labels) -> String {
        draw(matchingNode(root, labels: labels))
    }

    /// `getRouteTreeSlug`: the sorted matchers (`default-route` when none), then the options,
    /// two spaces apart.
    static func slug(_ route: Route, showContinue: Bool, showReceiver: Bool) -> String {
        var slug = route.matchers.isEmpty ? "default-route" : Route.matchersString(route.matchers)
        if showContinue && route.continueMatching { slug += "  continue: true" }
        if showReceiver { slug += "  receiver: " + route.options.receiver }
        return slug
    }

    struct Node {
        var value: String
        var children: [Node]
    }

    private static func node(_ route: Route) -> Node {
        Node(value: slug(route, showContinue: true, showReceiver: true), children: route.routes.map(node))
    }

    /// `getMatchingTree`: a child is drawn when its own matchers match, as amtool checks them
    /// (not whether anything below it matches).
    private static func matchingNode(_ route: Route, labels: Labels) -> Node {
        var children: [Node] = []
        for child in route.routes where child.matchers.allSatisfy({ $0.matches(labels[$0.name] ?? "") }) {
            children.append(matchingNode(child, labels: labels))
            if !child.continueMatching { break }
        }
        return Node(value: slug(route, showContinue: false, showReceiver: children.isEmpty), children: children)
    }

    private static func draw(_ root: Node) -> String {
        var out = ".\n"
        drawChildren([root], prefix: "", into: &out)
        return out
    }

    private static func drawChildren(_ nodes: [Node], prefix: String, into out: inout String) {
        for (index, node) in nodes.enumerated() {
            let last = index == nodes.count - 1
            out += prefix + (last ? "└── " : "├── ") + node.value + "\n"
            drawChildren(node.children, prefix: prefix + (last ? "    " : "│\u{a0}\u{a0} "), into: &out)
        }
    }
}
