import Foundation
import Model
import TestSupport
import Testing

/// `binwatch run` remote-writing to a real Prometheus 2.42 and a real VictoriaMetrics 1.79:
/// every series binwatch wrote to its WAL (gathered samples, the recording rule, ALERTS,
/// ALERTS_FOR_STATE, self metrics) comes back from each receiver's query API with the same
/// timestamps and values and the external label. Real processes and real time, every wait
/// bounded by a polling deadline.
@Suite(.serialized) struct RemoteWriteReceiverTests {
    @Test func everySeriesComesBackWithItsValuesAndTimestamps() async throws {
        guard RemoteWriteReceiver.isInstalled(.prometheus), RemoteWriteReceiver.isInstalled(.victoriaMetrics) else {
            print("skipped: prometheus or victoria-metrics is not installed (scripts/setup.sh)")
            return
        }
        let ws = try RemoteWriteWorkspace()
        defer { ws.remove() }
        let prometheus = try RemoteWriteReceiver(.prometheus, in: ws.dir)
        let victoria = try RemoteWriteReceiver(.victoriaMetrics, in: ws.dir)
        try await prometheus.start()
        try await victoria.start()
        defer { prometheus.stop(); victoria.stop() }
        try ws.writeConfig(receivers: [prometheus, victoria])
        let binwatch = try ws.startBinwatch(log: "binwatch.log")
        var step = 0
        // Until the alert has fired (ALERTS firing and ALERTS_FOR_STATE written) and both
        // receivers hold some of it.
        try await ws.waitFor("the alert to fire and reach both receivers", step: &step) {
            let wrote = ws.walSamples()
            let firing = wrote.keys.contains { $0.metricName == "ALERTS" && $0["alertstate"] == "firing" }
            guard firing, wrote.keys.contains(where: { $0.metricName == "ALERTS_FOR_STATE" }) else { return false }
            let fromPrometheus = try await prometheus.samples(#"{__name__="ALERTS",alertstate="firing"}"#)
            let fromVictoria = try await victoria.samples(#"{__name__="ALERTS",alertstate="firing"}"#)
            return !fromPrometheus.isEmpty && !fromVictoria.isEmpty
        }
        // Everything written up to now must arrive; binwatch keeps running (and sending) meanwhile.
        let upTo = ws.walSamples().values.compactMap { $0.keys.max() }.max() ?? 0
        try await expectBothHoldWhatBinwatchWrote(ws, prometheus, victoria, upTo: upTo, when: "")
        #expect(await binwatch.terminated(grace: .seconds(60)) == 0)
        let wrote = ws.walSamples()
        let names = Set(wrote.keys.compactMap(\.metricName))
        for name in ["wh_putaways_total", "wh_bin_fill_ratio", "facility:wh_putaways:sum", "ALERTS", "ALERTS_FOR_STATE"] {
            #expect(names.contains(name), "binwatch wrote no \(name)")
        }
        // The samples compared are most of the run's, not a handful.
        let compared = wrote.values.reduce(0) { $0 + $1.keys.filter { $0 <= upTo }.count }
        #expect(compared >= 50)
        // The external label is on every series, and the values are binwatch's exactly.
        let ratios = try await prometheus.samples(#"{__name__="wh_bin_fill_ratio",zone="B"}"#)
        #expect(ratios.values.first?.values.allSatisfy { $0 == 12_345_678_901 } ?? false)
        #expect(ratios.keys.first?["site"] == "plant-1")
    }

    /// Both receivers stopped for a while, binwatch SIGKILLed during the outage and started
    /// again, then the receivers back: every sample binwatch wrote (before, during and after)
    /// arrives, none twice. The outage spans many cycles (at 1s) and the kill, not the issue's
    /// 2 minutes of wall time: what matters is that samples pile up in the WAL across a restart,
    /// which a longer outage only repeats (docs/remote-write.md says what bounds it: retention).
    @Test func receiverOutageAndSigkillLoseNothingAndSendNothingTwice() async throws {
        guard RemoteWriteReceiver.isInstalled(.prometheus), RemoteWriteReceiver.isInstalled(.victoriaMetrics) else {
            print("skipped: prometheus or victoria-metrics is not installed (scripts/setup.sh)")
            return
        }
        let ws = try RemoteWriteWorkspace()
        defer { ws.remove() }
        let prometheus = try RemoteWriteReceiver(.prometheus, in: ws.dir)
        let victoria = try RemoteWriteReceiver(.victoriaMetrics, in: ws.dir)
        try await prometheus.start()
        try await victoria.start()
        defer { prometheus.stop(); victoria.stop() }
        // Credentials the receivers do not check here; they must never reach a log or the textfile.
        try ws.writeConfig(receivers: [prometheus, victoria], extra: "    basic_auth: {username: binwatch, password: rw-s3cret-pw}\n")
        var first = try ws.startBinwatch(log: "binwatch-1.log")
        var step = 0
        try await ws.waitFor("samples at both receivers", step: &step) {
            let a = try await prometheus.samples(#"{__name__="wh_putaways_total"}"#)
            let b = try await victoria.samples(#"{__name__="wh_putaways_total"}"#)
            return (a.values.first?.count ?? 0) >= 3 && (b.values.first?.count ?? 0) >= 3
        }
        await prometheus.shutDown()
        await victoria.shutDown()
        // The outage: both queues are retrying while cycles go on.
        let timestampsAtStop = ws.walSamples()[Labels(["__name__": "wh_putaways_total", "facility": "F1"])]?.count ?? 0
        try await ws.waitFor("retries during the outage and 5 more cycles", step: &step) {
            ws.selfMetric("prometheus_remote_storage_samples_retried_total", remote: "prometheus") > 0
                && ws.selfMetric("prometheus_remote_storage_samples_retried_total", remote: "victoriaMetrics") > 0
                && (ws.walSamples()[Labels(["__name__": "wh_putaways_total", "facility": "F1"])]?.count ?? 0) >= timestampsAtStop + 5
        }
        first.send(SIGKILL)
        #expect(await first.exited(within: .seconds(120)) == 128 + SIGKILL)
        let beforeRestart = ws.walSamples()[Labels(["__name__": "wh_putaways_total", "facility": "F1"])]?.count ?? 0
        first = try ws.startBinwatch(log: "binwatch-2.log")
        defer { first.stop() }
        try await ws.waitFor("5 cycles after the restart, receivers still down", step: &step) {
            (ws.walSamples()[Labels(["__name__": "wh_putaways_total", "facility": "F1"])]?.count ?? 0) >= beforeRestart + 5
        }
        try await prometheus.start()
        try await victoria.start()
        let upTo = ws.walSamples().values.compactMap { $0.keys.max() }.max() ?? 0
        try await expectBothHoldWhatBinwatchWrote(ws, prometheus, victoria, upTo: upTo, when: " after the outage")
        // The outage and the restart are inside the compared range.
        let series = ws.walSamples()[Labels(["__name__": "wh_putaways_total", "facility": "F1"])]?.keys.filter { $0 <= upTo }.count ?? 0
        #expect(series >= beforeRestart + 5)
        #expect(await first.terminated(grace: .seconds(60)) == 0)
        // The outage was logged (once per queue, not once per attempt), without the password.
        for log in ["binwatch-1.log", "binwatch-2.log"] {
            let text = (try? String(contentsOfFile: ws.dir + "/" + log, encoding: .utf8)) ?? ""
            #expect(!text.contains("rw-s3cret-pw") && !text.contains(Data("binwatch:rw-s3cret-pw".utf8).base64EncodedString()))
        }
        let firstLog = (try? String(contentsOfFile: ws.dir + "/binwatch-1.log", encoding: .utf8)) ?? ""
        #expect(firstLog.components(separatedBy: "remote write failed, retrying").count - 1 == 2, "\(firstLog)")
        let textfile = (try? String(contentsOfFile: ws.textfile, encoding: .utf8)) ?? ""
        #expect(!textfile.isEmpty && !textfile.contains("rw-s3cret-pw"))
    }

    /// Waits until each receiver holds exactly what binwatch's WAL holds up to `upTo` (Prometheus
    /// bit for bit, VictoriaMetrics to 1e-9 relative), then checks that VictoriaMetrics, which
    /// keeps duplicates, holds each (series, timestamp) once: nothing was sent twice.
    func expectBothHoldWhatBinwatchWrote(
        _ ws: RemoteWriteWorkspace, _ prometheus: RemoteWriteReceiver, _ victoria: RemoteWriteReceiver, upTo: Int64, when: String
    ) async throws {
        for (receiver, tolerance) in [(prometheus, 0.0), (victoria, 1e-9)] {
            var problems: [String] = []
            _ = try await eventually {
                problems = RemoteWriteWorkspace.differences(
                    wrote: ws.walSamples(), received: try await receiver.samples(), upTo: upTo, tolerance: tolerance)
                return problems.isEmpty
            }
            #expect(problems.isEmpty, "\(receiver.kind)\(when): \(problems.prefix(10))")
        }
        let raw = try await victoria.victoriaSamples(#"{__name__!=""}"#)
        let duplicated = raw.filter { Set($0.value.map { $0.0 }).count != $0.value.count }.map(\.key)
        #expect(duplicated.isEmpty, "sent twice\(when): \(duplicated.prefix(5))")
    }
}
