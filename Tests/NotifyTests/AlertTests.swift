import Model
import Testing

@testable import Notify

@Suite struct AlertTests {
    @Test(arguments: [
        (["alertname": "DiskFull", "instance": "db1:9100", "kind": "slack", "severity": "critical"], "46e8cf88387f56e4"),
        (["alertname": "Solo"], "678b588f14f8ffed"),
        (["alertname": "Many", "i": "1", "kind": "many"], "cd0d2a86dd26d6ac"),
        (["alertname": "NoTimes", "kind": "x"], "cdf82a3f9cae9d87"),
        ([:], "cbf29ce484222325"),
    ])
    func fingerprintsMatchAlertmanager(_ labels: [String: String], _ hex: String) {
        let alert = Alert(labels: Labels(labels), startsAt: Timestamp(milliseconds: 0))
        #expect(alert.labels.fingerprintHex == hex)
    }

    @Test func resolvedOnlyOnceEndsAtPassed() {
        let alert = Alert(labels: Labels(["a": "1"]), startsAt: .init(milliseconds: 0), endsAt: .init(milliseconds: 1000))
        #expect(alert.status(at: .init(milliseconds: 999)) == .firing)
        #expect(alert.status(at: .init(milliseconds: 1000)) == .resolved)
        #expect(Alert(labels: Labels(), startsAt: .init(milliseconds: 0)).status(at: .init(milliseconds: .max)) == .firing)
    }

    @Test func notificationOrderSortsByJobThenInstanceThenLabels() {
        func a(_ l: [String: String]) -> Alert { Alert(labels: Labels(l), startsAt: .init(milliseconds: 0)) }
        let alerts = [
            a(["alertname": "X", "z": "1"]),
            a(["alertname": "X", "instance": "b"]),
            a(["alertname": "X", "job": "b"]),
            a(["alertname": "X", "job": "a", "instance": "z"]),
            a(["alertname": "X", "job": "a", "instance": "c"]),
            a(["alertname": "X", "instance": "a"]),
            a(["alertname": "W", "y": "1"]),
        ]
        let sorted = alerts.sorted(by: Alert.notificationOrder).map(\.labels.description)
        #expect(sorted == [
            "{alertname=\"X\", instance=\"c\", job=\"a\"}", "{alertname=\"X\", instance=\"z\", job=\"a\"}",
            "{alertname=\"X\", job=\"b\"}", "{alertname=\"X\", instance=\"a\"}", "{alertname=\"X\", instance=\"b\"}",
            "{alertname=\"W\", y=\"1\"}", "{alertname=\"X\", z=\"1\"}",
        ])
    }

    @Test func codableRoundTrip() throws {
        let alert = Alert(
            labels: Labels(["alertname": "A", "x": "1"]), annotations: Labels(["summary": "s"]),
            startsAt: .init(milliseconds: 5), endsAt: .init(milliseconds: 9), generatorURL: "http://g")
        let data = try JSONEncoder().encode(alert)
        #expect(try JSONDecoder().decode(Alert.self, from: data) == alert)
    }
}

import Foundation
