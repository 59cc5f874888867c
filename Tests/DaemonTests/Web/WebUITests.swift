@testable import Daemon
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TestSupport

/// The web pages over HTTP against a running daemon with a firing alert whose labels hold
/// markup: each page answers HTML with the alert, rule, source and check a person looks for,
/// escaped; the silence forms refuse a post without the CSRF token, show every problem of bad
/// input and store nothing, and create and expire a silence with the token.
/// (`scripts/tests/ui.sh` drives the same pages in chromium.)
@Suite(.serialized) struct WebUITests {
    static let rules = """
        groups:
          - name: wms
            rules:
              - alert: BinCacheStale
                expr: bin_utilization_cache_age_seconds > 900
                labels: {severity: critical}
                annotations: {summary: 'cache of {{ $labels.facility_id }} is stale'}
        """

    struct Page {
        var status: Int
        var body: String
        var headers: [String: String]
    }

    static func send(_ daemon: LiveDaemon, _ path: String, form: String? = nil, cookie: String? = nil) async throws -> Page {
        var request = URLRequest(url: try #require(URL(string: daemon.base + path)))
        if let form {
            request.httpMethod = "POST"
            request.httpBody = Data(form.utf8)
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        }
        if let cookie { request.setValue("\(CSRFCookie.cookie)=\(cookie)", forHTTPHeaderField: "Cookie") }
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        let (data, response) = try await session.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            if let key = key as? String, let value = value as? String { headers[key.lowercased()] = value }
        }
        return Page(status: http.statusCode, body: String(decoding: data, as: UTF8.self), headers: headers)
    }

    static func form(_ fields: [(String, String)]) -> String {
        fields.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        }.joined(separator: "&")
    }

    @Test func pagesShowTheDaemonAndFormsChangeSilencesSafely() async throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write("rules/wms.yml", Self.rules)
        try ws.write("data.prom", "bin_utilization_cache_age_seconds{facility_id=\"<F1&>\"} 1200\n")
        try ws.writeConfig(extra: "alerting:\n  route: {receiver: blackhole}\n  receivers: [{name: blackhole}]\n", interval: "1s")
        let daemon = try await LiveDaemon.start(Scheduler(try ws.load()))
        defer { daemon.stop() }
        let firing = try await eventually {
            try await Self.send(daemon, "/").body.contains("<dt>Firing alerts</dt><dd><a href=\"/alerts?state=firing\">1</a></dd>")
        }
        try #require(firing, "the overview never counted the firing alert")

        // Every page: HTML, the CSRF cookie set once, no caching.
        for path in ["/", "/alerts", "/rules", "/silences", "/sources", "/status", "/query", "/notifications"] {
            let page = try await Self.send(daemon, path)
            #expect(page.status == 200, "\(path)")
            #expect(page.headers["content-type"] == "text/html; charset=utf-8", "\(path)")
            #expect(page.headers["set-cookie"]?.contains("SameSite=Strict") == true, "\(path)")
            #expect(page.body.components(separatedBy: "<h1>").count == 2, "\(path): one h1")
        }
        let alerts = try await Self.send(daemon, "/alerts").body
        #expect(alerts.contains("<h2 id=\"rule-BinCacheStale\">BinCacheStale"))
        #expect(alerts.contains("facility_id=\"&lt;F1&amp;&gt;\""), "label values are escaped")
        #expect(!alerts.contains("<F1&>"))
        #expect(alerts.contains("cache of &lt;F1&amp;&gt; is stale"))
        let filtered = try await Self.send(daemon, "/alerts?filter=%7Bseverity%3D%22page%22%7D")
        #expect(filtered.body.contains("Alerts 0–0 of 0 matching."))
        let badFilter = try await Self.send(daemon, "/alerts?filter=%7Bseverity%3D~%22(%22%7D")
        #expect(badFilter.status == 400)
        #expect(badFilter.body.contains("Bad matchers"))
        #expect(try await Self.send(daemon, "/rules?health=ok").body.contains("<b>BinCacheStale</b>"))
        #expect(try await Self.send(daemon, "/rules?search=nomatch").body.contains("Rules 0–0 of 0 matching (1 in all)."))
        #expect(try await Self.send(daemon, "/sources").body.contains("<td>wms</td><td class=\"up-true\">true</td>"))

        // The query page: a table, a graph drawn on the server, a parse error under its column.
        let table = try await Self.send(daemon, "/query?expr=bin_utilization_cache_age_seconds")
        #expect(table.status == 200)
        #expect(table.body.contains("Result: vector"))
        #expect(table.body.contains("<td><code>1200</code></td>"))
        let graph = try await Self.send(daemon, "/query?expr=bin_utilization_cache_age_seconds&tab=graph&range=5m")
        #expect(graph.body.contains("<svg") && graph.body.contains("Graph: 1 series"))
        #expect(graph.body.contains("<polyline") || graph.body.contains("<circle"))
        let broken = try await Self.send(daemon, "/query?expr=sum(rate(x%5B5m%5D)")
        #expect(broken.status == 400)
        #expect(broken.body.contains("parse error"))
        // "1:COL: parse error: ...": the caret line has COL - 1 spaces.
        let column = try #require(broken.body.range(of: #"1:(\d+): parse error"#, options: .regularExpression).flatMap {
            Int(broken.body[$0].dropFirst(2).prefix { $0.isNumber })
        })
        #expect(broken.body.contains("sum(rate(x[5m])\n" + String(repeating: " ", count: column - 1) + "^</pre>"), "caret under the error")

        let token = String(repeating: "ab", count: 32)
        let good = [("matchers", "alertname=\"BinCacheStale\""), ("duration", "1h"), ("created_by", "ops"), ("comment", "rebuild")]
        // Without the token (or with another one): refused, nothing stored.
        let forged = try await Self.send(daemon, "/silences", form: Self.form(good), cookie: token)
        #expect(forged.status == 403)
        let mismatched = try await Self.send(
            daemon, "/silences", form: Self.form(good + [("csrf_token", String(repeating: "cd", count: 32))]), cookie: token)
        #expect(mismatched.status == 403)
        // Bad input: every problem named, nothing stored.
        let bad = try await Self.send(daemon, "/silences", form: Self.form([
            ("csrf_token", token), ("matchers", "alertname=~\"(\""), ("duration", "soon"), ("created_by", ""), ("comment", ""),
        ]), cookie: token)
        #expect(bad.status == 400)
        for field in ["Matchers:", "Duration:", "Created by:", "Comment:"] { #expect(bad.body.contains(field), "\(field)") }
        #expect(try await Self.silences(daemon).isEmpty)

        // With the token: created (a redirect to the list, which says so), then expired.
        let created = try await Self.send(daemon, "/silences", form: Self.form(good + [("csrf_token", token)]), cookie: token)
        #expect(created.status == 200)
        let listed = try await Self.silences(daemon)
        #expect(listed.count == 1)
        let stored = try #require(listed.first)
        let id = try #require(stored["id"] as? String)
        #expect(created.body.contains("Silence \(id) created."))
        #expect(stored["createdBy"] as? String == "ops" && stored["comment"] as? String == "rebuild")
        #expect((stored["status"] as? [String: Any])?["state"] as? String == "active")
        let marked = try await eventually { try await Self.send(daemon, "/alerts").body.contains("silenced</span>") }
        #expect(marked, "the alert is marked silenced")
        let expired = try await Self.send(daemon, "/silences/\(id)/expire", form: "csrf_token=\(token)", cookie: token)
        #expect(expired.body.contains("Silence \(id) expired."))
        let after = try await Self.silences(daemon)
        #expect((after.first?["status"] as? [String: Any])?["state"] as? String == "expired")
    }

    /// The silences as the Alertmanager API lists them.
    static func silences(_ daemon: LiveDaemon) async throws -> [[String: Any]] {
        let (status, body) = try await daemon.request("/api/v2/silences")
        #expect(status == 200)
        return try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [[String: Any]])
    }
}
