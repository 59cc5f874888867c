import Crypto
import Model
import PromQL
import Rules

/// The filters and pages of `/api/v1/rules` as current Prometheus reads them: `type`,
/// `rule_name[]`, `rule_group[]`, `file[]`, `match[]` (over each rule's own labels),
/// `exclude_alerts`, and `group_limit` with `group_next_token`.
///
/// A group left with no rules is omitted, as current Prometheus does; 2.42, which only had
/// `type`, still listed such a group with an empty `rules` list.
struct RulesFilter {
    var alerting = true
    var recording = true
    var ruleNames: Set<String> = []
    var groupNames: Set<String> = []
    var files: Set<String> = []
    var selectors: [[Matcher]] = []
    var excludeAlerts = false
    /// Groups per page (nil: all).
    var groupLimit: Int?
    var nextToken: String?

    /// Reads the parameters; the refusal carries Prometheus's message.
    static func parse(_ params: RequestParameters) -> Result<RulesFilter, QueryAPI.Refusal> {
        var filter = RulesFilter()
        filter.ruleNames = Set(params.all("rule_name[]"))
        filter.groupNames = Set(params.all("rule_group[]"))
        filter.files = Set(params.all("file[]"))
        switch SeriesIndexAPI.selectors(params.all("match[]")) {
        case .success(let selectors): filter.selectors = selectors
        case .failure(let refusal): return .failure(refusal)
        }
        let type = (params["type"] ?? "").lowercased()
        guard ["", "alert", "record"].contains(type) else {
            return .failure(.init(message: "invalid parameter \"type\": not supported value \(GoQuote.quote(type))"))
        }
        filter.alerting = type != "record"
        filter.recording = type != "alert"
        let exclude = (params["exclude_alerts"] ?? "").lowercased()
        if !exclude.isEmpty {
            guard let value = goBool(exclude) else {
                return .failure(.init(message:
                    "invalid parameter \"exclude_alerts\": error converting exclude_alerts: strconv.ParseBool: parsing \(GoQuote.quote(exclude)): invalid syntax"))
            }
            filter.excludeAlerts = value
        }
        let limit = params["group_limit"] ?? ""
        let token = params["group_next_token"] ?? ""
        if !token.isEmpty && limit.isEmpty {
            return .failure(.init(message:
                "invalid parameter \"group_next_token\": group_limit needs to be present in order to paginate over the groups"))
        }
        if !limit.isEmpty {
            guard let value = Int32(limit) else {
                return .failure(.init(message:
                    "invalid parameter \"group_limit\": group_limit needs to be a valid number: strconv.ParseInt: parsing \(GoQuote.quote(limit)): invalid syntax"))
            }
            guard value > 0 else {
                return .failure(.init(message: "invalid parameter \"group_limit\": group_limit needs to be greater than 0"))
            }
            filter.groupLimit = Int(value)
            filter.nextToken = token.isEmpty ? nil : token
        }
        return .success(filter)
    }

    /// Whether a rule passes the name and `match[]` filters (the type filter is the caller's).
    func keeps(ruleNamed name: String, labels: [RuleFile.KeyValue]) -> Bool {
        if !ruleNames.isEmpty && !ruleNames.contains(name) { return false }
        guard !selectors.isEmpty else { return true }
        return selectors.contains { set in
            set.allSatisfy { matcher in matcher.matches(labels.first { $0.key == matcher.name }?.value ?? "") }
        }
    }

    /// Whether a group passes the group and file filters.
    func keeps(group: Scheduler.GroupStatus) -> Bool {
        (groupNames.isEmpty || groupNames.contains(group.name)) && (files.isEmpty || files.contains(group.file))
    }

    /// Prometheus's page token: hex SHA-256 of `file;group`.
    static func token(file: String, group: String) -> String {
        SHA256.hash(data: Array("\(file);\(group)".utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Go's `strconv.ParseBool`.
    static func goBool(_ text: String) -> Bool? {
        switch text {
        case "1", "t", "T", "true", "TRUE", "True": true
        case "0", "f", "F", "false", "FALSE", "False": false
        default: nil
        }
    }
}
