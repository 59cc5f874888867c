@testable import Daemon
import Foundation
import HTTPClient
import Model
import Remote
import Storage
import Synchronization
import TestSupport
import Testing

/// Answers every request with the current status; keeps what a 2xx acknowledged.
final class SwitchableTransport: HTTPTransport {
    let status = Mutex(503)
    let acknowledged = Mutex<[RemoteSeries]>([])

    func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        let code = status.withLock { $0 }
        if (200..<300).contains(code), let series = try? WriteRequestCodec.decode(request.body) {
            acknowledged.withLock { $0 += series }
        }
        return HTTPResponse(status: code)
    }

    /// Acknowledged samples as "labels timestamp bits", with how often each came.
    var counted: [String: Int] {
        acknowledged.withLock { all in
            var out: [String: Int] = [:]
            for series in all {
                for i in series.timestamps.indices {
                    out["\(series.labels) \(series.timestamps[i]) \(series.values[i].bitPattern)", default: 0] += 1
                }
            }
            return out
        }
    }
}

/// The scheduler's WAL with a remote_write queue reading it: the queue runs beside the
/// scheduler (cycles never wait for it), checkpoints keep the segments it has not sent, and
/// once the receiver is back everything the WAL holds arrives once, with the external label.
@Suite struct RemoteWriteHistoryTests {
    static let t0 = Timestamp(milliseconds: 1_700_000_000_000)

    func workspace() throws -> Workspace {
        let ws = try Workspace()
        try ws.write("rules/r.yml", """
            groups:
              - name: g
                rules:
                  - record: jobs:sum
                    expr: sum(jobs_total)
            """)
        try ws.write("data.prom", "# TYPE jobs_total counter\njobs_total{job=\"a\"} 1\n")
        try ws.writeConfig(extra: """
            storage: {checkpoint_interval: 10s, segment_size: 64KiB}
            remote_write:
              - url: http://127.0.0.1:9/api/v1/write
                name: central
                queue_config: {batch_send_deadline: 10ms, min_backoff: 1ms, max_backoff: 5ms}
            """, interval: "2s")
        // The workspace's global section, with external labels.
        let text = try String(contentsOfFile: ws.path("binwatch.yml"), encoding: .utf8)
        try ws.write("binwatch.yml", text.replacingOccurrences(
            of: "global:\n  evaluation_interval: 2s", with: "global:\n  evaluation_interval: 2s\n  external_labels: {site: plant-1}"))
        return ws
    }

    /// Every sample in the WAL, as the transport's keys (with the external label).
    func walSamples(_ ws: Workspace) -> Set<String> {
        var labels: [UInt64: Labels] = [:]
        var out = Set<String>()
        _ = try? WALReplay.run(directory: ws.path("wal"), repair: false) { record in
            switch record {
            case .series(let series): for s in series { labels[s.ref] = s.labels.setting("site", to: "plant-1") }
            case .samples(let samples):
                for i in 0..<samples.count {
                    if let l = labels[samples.refs[i]] { out.insert("\(l) \(samples.timestamps[i]) \(samples.values[i].bitPattern)") }
                }
            case .sourceSeen: break
            }
        }
        return out
    }

    @Test func checkpointsKeepWhatTheQueueHasNotSentAndEverythingArrivesOnce() async throws {
        let ws = try workspace()
        defer { ws.remove() }
        let clock = ManualClock(Self.t0)
        let scheduler = Scheduler(try ws.load(), clock: clock, timeoutClock: PatientClock())
        await scheduler.openState()
        let transport = SwitchableTransport()
        let service = try #require(await scheduler.connectRemoteWrite(transport: transport))
        let sender = Task { await service.set.run() }
        defer { sender.cancel() }
        // 40 cycles (80 s, a checkpoint every 10 s) with the receiver answering 503.
        for step: Int64 in 0..<40 {
            let time = Self.t0 + PromDuration(seconds: step * 2)
            clock.set(time)
            await scheduler.runOnce(at: time)
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: ws.path("wal"))
        #expect(files.contains { $0.hasPrefix("checkpoint.") }, "\(files)")
        #expect(files.contains("00000000"), "a checkpoint deleted a segment the queue has not sent: \(files)")
        #expect(transport.counted.isEmpty)
        #expect(try await eventually { (service.set.metrics.counters("central")?.retriedSamples ?? 0) > 0 })
        // The receiver is back: the backlog goes out, each sample once.
        transport.status.withLock { $0 = 200 }
        let expected = walSamples(ws)
        #expect(expected.count > 200)
        #expect(try await eventually { Set(transport.counted.keys) == expected })
        #expect(transport.counted.values.allSatisfy { $0 == 1 })
        #expect(Set(transport.counted.keys) == expected)
        // Sent: the next checkpoint may delete the old segments.
        for step: Int64 in 40..<46 {
            let time = Self.t0 + PromDuration(seconds: step * 2)
            clock.set(time)
            await scheduler.runOnce(at: time)
        }
        #expect(try await eventually { (service.set.metrics.counters("central")?.pending ?? 1) == 0 })
        for step: Int64 in 46..<52 {
            let time = Self.t0 + PromDuration(seconds: step * 2)
            clock.set(time)
            await scheduler.runOnce(at: time)
        }
        let after = try FileManager.default.contentsOfDirectory(atPath: ws.path("wal"))
        #expect(!after.contains("00000000"), "\(after)")
        // The self metrics reach the store (and so the receiver) under Prometheus's names.
        let text = await scheduler.metricsText()
        #expect(text.contains("prometheus_remote_storage_samples_total{remote_name=\"central\",url=\"http://127.0.0.1:9/api/v1/write\"}"))
    }
}
