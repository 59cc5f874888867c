@testable import Daemon
import Foundation
import Model
import Testing

/// `/api/v1/rules`'s filters and pages as current Prometheus reads them.
@Suite struct RulesFilterTests {
    static let rules = """
        groups:
          - name: wms
            rules:
              - record: facility:cache_age_minutes
                expr: bin_utilization_cache_age_seconds / 60
              - alert: BinCacheDegraded
                expr: facility:cache_age_minutes > 15
                labels: {severity: warning}
          - name: putaway
            rules:
              - alert: PutawayStalled
                expr: facility:cache_age_minutes > 1000
                labels: {severity: page}
          - name: records
            rules:
              - record: facility:cache_age_hours
                expr: bin_utilization_cache_age_seconds / 3600
        """

    /// (status, [group name: [rule name]], groupNextToken, alerts per alerting rule).
    func answer(_ query: String, _ groups: [Scheduler.GroupStatus]) throws -> (Int, [String], String?, [Int]) {
        let (status, body) = RulesAPI.response(groups, RequestParameters(query: query))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        guard status == 200 else { return (status, [json["error"] as? String ?? "?"], nil, []) }
        let data = try #require(json["data"] as? [String: Any])
        let listed = try #require(data["groups"] as? [[String: Any]])
        var names: [String] = []
        var alerts: [Int] = []
        for group in listed {
            let rules = group["rules"] as? [[String: Any]] ?? []
            names.append("\(group["name"] ?? "?"):" + rules.map { "\($0["name"] ?? "?")" }.joined(separator: ","))
            alerts += rules.compactMap { ($0["alerts"] as? [Any])?.count }
        }
        return (status, names, data["groupNextToken"] as? String, alerts)
    }

    @Test func filtersAndPages() async throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write("rules/wms.yml", Self.rules)
        try ws.write("data.prom", "bin_utilization_cache_age_seconds{facility_id=\"F1\"} 1200\n")
        try ws.writeConfig()
        let scheduler = Scheduler(try ws.load(), clock: ManualClock(t0), timeoutClock: PatientClock())
        await scheduler.runOnce(at: t0)
        let groups = scheduler.readView.load().groups
        let file = try #require(groups.first?.file)

        #expect(try answer("", groups).1 == ["wms:facility:cache_age_minutes,BinCacheDegraded", "putaway:PutawayStalled",
                                             "records:facility:cache_age_hours"])
        #expect(try answer("", groups).3 == [1, 0])
        // A group left without rules is omitted.
        #expect(try answer("type=alert", groups).1 == ["wms:BinCacheDegraded", "putaway:PutawayStalled"])
        #expect(try answer("type=RECORD", groups).1 == ["wms:facility:cache_age_minutes", "records:facility:cache_age_hours"])
        #expect(try answer("rule_name[]=PutawayStalled&rule_name[]=facility:cache_age_hours", groups).1
            == ["putaway:PutawayStalled", "records:facility:cache_age_hours"])
        #expect(try answer("rule_group[]=wms", groups).1 == ["wms:facility:cache_age_minutes,BinCacheDegraded"])
        #expect(try answer("file[]=\(file)&rule_group[]=records", groups).1 == ["records:facility:cache_age_hours"])
        #expect(try answer("file[]=/elsewhere.yml", groups).1 == [])
        // match[] reads each rule's own labels.
        #expect(try answer("match[]=%7Bseverity%3D%22page%22%7D", groups).1 == ["putaway:PutawayStalled"])
        #expect(try answer("exclude_alerts=true", groups).3 == [0, 0])

        let first = try answer("group_limit=2", groups)
        #expect(first.1.count == 2)
        let token = try #require(first.2)
        #expect(token == RulesFilter.token(file: file, group: "records"))
        #expect(token.count == 64)
        let second = try answer("group_limit=2&group_next_token=\(token)", groups)
        #expect(second.1 == ["records:facility:cache_age_hours"])
        #expect(second.2 == nil)

        #expect(try answer("type=both", groups).1 == ["invalid parameter \"type\": not supported value \"both\""])
        #expect(try answer("exclude_alerts=maybe", groups).1 == [
            "invalid parameter \"exclude_alerts\": error converting exclude_alerts: strconv.ParseBool: parsing \"maybe\": invalid syntax"])
        #expect(try answer("group_limit=0", groups).1 == ["invalid parameter \"group_limit\": group_limit needs to be greater than 0"])
        #expect(try answer("group_next_token=abc", groups).1 == [
            "invalid parameter \"group_next_token\": group_limit needs to be present in order to paginate over the groups"])
        #expect(try answer("group_limit=1&group_next_token=abc", groups).1 == [
            "invalid parameter \"group_next_token\": invalid group_next_token 'abc'. were rule groups changed?"])
        #expect(try answer("match[]=%7Ba%3D%22%22%7D", groups).0 == 400)
    }
}
