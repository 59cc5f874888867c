@testable import Daemon
import Exposition
import Model
import PromQL
import Testing

@Suite struct HealthCheckTests {
    func check(_ direction: HealthCheckConfig.Direction, degraded: Double?, unhealthy: Double?) throws -> HealthCheck {
        HealthCheck(HealthCheckConfig(
            name: "c", expr: try Parser.parseExpr("x"), exprText: "x", direction: direction, degraded: degraded,
            unhealthy: unhealthy, message: "v={{ $value }} f={{ $labels.f }}", location: SourceLocation(file: "f", line: 1, column: 1)))
    }

    @Test(arguments: [(10.0, HealthStatus.healthy), (15.0, .healthy), (15.5, .degraded), (30.0, .degraded), (31.0, .unhealthy), (.nan, .unhealthy)])
    func aboveThresholds(value: Double, expected: HealthStatus) throws {
        #expect(try check(.above, degraded: 15, unhealthy: 30).status(of: value) == expected)
    }

    @Test(arguments: [(87.5, HealthStatus.healthy), (75.0, .degraded), (65.0, .unhealthy)])
    func belowThresholds(value: Double, expected: HealthStatus) throws {
        #expect(try check(.below, degraded: 80, unhealthy: 70).status(of: value) == expected)
    }

    @Test func worstSampleDecidesAndFillsTheMessage() throws {
        let result = try check(.above, degraded: 15, unhealthy: 30).judge([
            (Labels(["f": "a"]), 3), (Labels(["f": "b"]), 20), (Labels(["f": "c"]), 10),
        ])
        #expect(result.status == .degraded)
        #expect(result.value == 20)
        #expect(result.message == "v=20 f=b")
    }

    @Test func noDataIsUnhealthy() throws {
        let result = try check(.above, degraded: 15, unhealthy: 30).judge([])
        #expect(result.status == .unhealthy)
        #expect(result.value == nil)
        #expect(result.message.contains("no data"))
    }

    @Test func reportJSONAndGauge() {
        let report = HealthReport(checks: [
            HealthCheckResult(name: "cacheAge", status: .healthy, message: "ok", value: 2.5),
            HealthCheckResult(name: "ml", status: .degraded, message: "low \"x\"", value: nil),
        ], timestamp: Timestamp(milliseconds: 0))
        #expect(report.status == .degraded)
        #expect(report.json == """
            {"status":"DEGRADED","checks":{"cacheAge":{"status":"HEALTHY","message":"ok","value":2.5},\
            "ml":{"status":"DEGRADED","message":"low \\"x\\"","value":null}},"timestamp":"1970-01-01T00:00:00.000Z"}
            """)
        #expect(report.family.samples.map(\.value) == [1, 2, 1])
        #expect(report.family.samples.map { $0.labels["check"] } == ["overall", "cacheAge", "ml"])
        #expect(report.status.exitCode == 1)
    }
}
