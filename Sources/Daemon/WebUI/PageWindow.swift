import Foundation

/// The slice of a long list one page shows (`page=N`, from 1) and the links to the pages
/// beside it, for the alerts and rules pages.
struct PageWindow {
    let number: Int
    let size: Int

    init(_ params: RequestParameters, size: Int) {
        number = max(1, Int(params["page"] ?? "") ?? 1)
        self.size = size
    }

    /// How many matches come before this page.
    var before: Int { (number - 1) * size }

    /// Whether the `index`th match (from 1) is on this page.
    func shows(_ index: Int) -> Bool { index > before && index <= before + size }

    /// `matched`, `first`, `last` and the `previous`/`next` queries, which keep the
    /// non-empty `filters` (name, value).
    func context(matched: Int, filters: [(String, String)]) -> [String: Any] {
        var context: [String: Any] = [
            "matched": matched, "first": matched == 0 ? 0 : before + 1, "last": min(matched, before + size),
        ]
        let query = { (page: Int) in
            (["page=\(page)"] + filters.filter { !$0.1.isEmpty }.map { name, value in
                "\(name)=" + (value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            }).joined(separator: "&")
        }
        if number > 1 { context["previous"] = query(number - 1) }
        if matched > before + size { context["next"] = query(number + 1) }
        return context
    }
}
