import PromQL

/// `/api/v1/format_query`: the query prettified as Prometheus 2.42 does (`formatQuery` in
/// `web/api/v1/api.go`).
enum FormatQueryAPI {
    /// Returns (HTTP status, JSON body): 200 with the text as `data`, or 400 `bad_data` with
    /// the parse error (a missing query is an empty one: "no expression found in input").
    static func response(_ params: RequestParameters) -> (Int, String) {
        do {
            let expr = try Parser.parseExpr(params["query"] ?? "")
            return (200, APIJSON.success(APIJSON.quote(Prettier().format(expr))))
        } catch {
            return (400, APIJSON.error("bad_data", "invalid parameter \"query\": \(error.prometheus242Description)"))
        }
    }
}
