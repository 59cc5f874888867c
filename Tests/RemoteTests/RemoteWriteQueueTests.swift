import Foundation
import HTTPClient
import Logging
import Model
@testable import Remote
import Storage
import Synchronization
import TestSupport
import Testing

/// Answers from a script of statuses (then 200) and records every request; what a 2xx
/// acknowledged is decoded, so tests assert on the samples a receiver would have stored.
final class ScriptedTransport: HTTPTransport {
    struct State {
        var script: [Int] = []
        var requests: [HTTPRequest] = []
        var acknowledged: [RemoteSeries] = []
    }

    let state: Mutex<State>

    init(_ script: [Int] = []) { state = Mutex(State(script: script)) }

    func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        let status = state.withLock { s -> Int in
            s.requests.append(request)
            return s.script.isEmpty ? 200 : s.script.removeFirst()
        }
        if (200..<300).contains(status), let series = try? WriteRequestCodec.decode(request.body) {
            state.withLock { $0.acknowledged += series }
        }
        return HTTPResponse(status: status, headers: status == 429 ? ["Retry-After": "0"] : [:])
    }

    /// Acknowledged samples as (labels, timestamp, value), in arrival order.
    var samples: [(Labels, Int64, Double)] {
        state.withLock { s in s.acknowledged.flatMap { series in series.timestamps.indices.map { (series.labels, series.timestamps[$0], series.values[$0]) } } }
    }
}

/// A WAL written by the real writer, read by a real queue.
struct QueueFixture {
    let dir: String
    let writer: WALWriter
    static let a = Labels(["__name__": "wh_putaways_total", "facility": "F1"])
    static let b = Labels(["__name__": "wh_putaways_total", "facility": "F2"])

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-rwq-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        writer = try WALWriter(directory: dir + "/wal", segment: 0, segmentSize: 1 << 20, fsync: .segment)
        try writer.append([.series([WALSeries(ref: 0, labels: Self.a), WALSeries(ref: 1, labels: Self.b)])])
    }

    /// One cycle: both series at `t` (seconds), values t and t/2.
    func cycle(_ t: Int64) throws {
        var samples = WALSamples()
        samples.append(ref: 0, timestamp: t * 1000, value: Double(t))
        samples.append(ref: 1, timestamp: t * 1000, value: Double(t) / 2)
        try writer.append([.samples(samples)])
    }

    func queue(
        _ transport: ScriptedTransport, metrics: RemoteWriteMetrics = RemoteWriteMetrics(), configure: (inout RemoteWriteConfig) -> Void = { _ in }
    ) throws -> RemoteWriteQueue {
        var config = RemoteWriteConfig(url: "http://127.0.0.1:9/api/v1/write", name: "test")
        config.queue.maxSamplesPerSend = 3
        config.queue.batchSendDeadline = PromDuration(milliseconds: 20)
        config.queue.minBackoff = PromDuration(milliseconds: 1)
        config.queue.maxBackoff = PromDuration(milliseconds: 4)
        configure(&config)
        return try RemoteWriteQueue(
            config: config, externalLabels: ["site": "plant-1"], walDirectory: dir + "/wal", positionPath: dir + "/test.position",
            start: WALPosition(segment: 0, offset: 0), transport: transport, metrics: metrics, holds: WALSegmentHolds(),
            wakeup: Wakeup(), logger: Logger(label: "test"))
    }

    /// Runs `queue` until `transport` acknowledged `count` samples, then stops it.
    func drain(_ queue: RemoteWriteQueue, _ transport: ScriptedTransport, count: Int) async throws {
        let task = Task { await queue.run() }
        let done = try await eventually { transport.samples.count >= count }
        task.cancel()
        await task.value
        #expect(done, "acknowledged \(transport.samples.count) of \(count)")
    }

    func remove() { try? FileManager.default.removeItem(atPath: dir) }
}

@Suite struct RemoteWriteQueueTests {
    /// The samples of `seconds`' cycles, sorted (a request groups samples by series, so the
    /// order across series is not the WAL's; within a series it is, which `got` checks).
    func expected(_ seconds: ClosedRange<Int64>) -> [String] {
        seconds.flatMap { t in
            [QueueFixture.a, QueueFixture.b].enumerated().map { i, labels in
                "\(labels.setting("site", to: "plant-1")) \(t * 1000) \(i == 0 ? Double(t) : Double(t) / 2)"
            }
        }.sorted()
    }

    /// What the receiver acknowledged, sorted; each series' timestamps must have arrived ascending.
    func got(_ transport: ScriptedTransport) -> [String] {
        var last: [Labels: Int64] = [:]
        for (labels, t, _) in transport.samples {
            #expect(t > last[labels, default: .min], "\(labels) went back to \(t)")
            last[labels] = t
        }
        return transport.samples.map { "\($0.0) \($0.1) \($0.2)" }.sorted()
    }

    @Test func sendsEverySampleOnceInOrderWithTheSpecHeaders() async throws {
        let f = try QueueFixture()
        defer { f.remove() }
        for t in Int64(1)...5 { try f.cycle(t) }
        let transport = ScriptedTransport()
        let metrics = RemoteWriteMetrics()
        try await f.drain(try f.queue(transport, metrics: metrics), transport, count: 10)
        #expect(got(transport) == expected(1...5))
        let request = try #require(transport.state.withLock { $0.requests.first })
        #expect(request.method == .post)
        #expect(request.headers["Content-Encoding"] == "snappy")
        #expect(request.headers["Content-Type"] == "application/x-protobuf")
        #expect(request.headers["X-Prometheus-Remote-Write-Version"] == "0.1.0")
        #expect(request.headers["User-Agent"] == "binwatch")
        // max_samples_per_send 3: 10 samples in 4 requests.
        #expect(transport.state.withLock { $0.requests.count } == 4)
        let counters = try #require(metrics.counters("test"))
        #expect(counters.samples == 10 && counters.failedSamples == 0 && counters.retriedSamples == 0)
        #expect(counters.highestSentSeconds == 5)
        #expect(counters.bytes == transport.state.withLock { $0.requests.reduce(0) { $0 + $1.body.count } })
    }

    @Test func serverErrorsAreRetriedUntilAcknowledged() async throws {
        let f = try QueueFixture()
        defer { f.remove() }
        for t in Int64(1)...3 { try f.cycle(t) }
        let transport = ScriptedTransport([500, 503, 500])
        let metrics = RemoteWriteMetrics()
        try await f.drain(try f.queue(transport, metrics: metrics), transport, count: 6)
        #expect(got(transport) == expected(1...3))
        let counters = try #require(metrics.counters("test"))
        // The first batch (3 samples) failed three times.
        #expect(counters.retriedSamples == 9 && counters.failedSamples == 0)
        #expect(counters.samples == 6 + 9)
    }

    @Test func otherClientErrorsDropTheBatchAndCountIt() async throws {
        let f = try QueueFixture()
        defer { f.remove() }
        for t in Int64(1)...3 { try f.cycle(t) }
        // 400, and 429 without retry_on_http_429: both batches (3 + 3 samples) are dropped.
        let transport = ScriptedTransport([400, 429])
        let metrics = RemoteWriteMetrics()
        let queue = try f.queue(transport, metrics: metrics)
        let task = Task { await queue.run() }
        #expect(try await eventually { metrics.counters("test")?.failedSamples == 6 })
        task.cancel()
        await task.value
        #expect(transport.samples.isEmpty)
        #expect(transport.state.withLock { $0.requests.count } == 2)
        #expect(metrics.counters("test")?.retriedSamples == 0)
        // Dropped batches are not sent again: a new queue on the same position sends only what came after.
        try f.cycle(4)
        let next = ScriptedTransport()
        try await f.drain(try f.queue(next), next, count: 2)
        #expect(got(next) == expected(4...4))
    }

    @Test func tooManyRequestsIsRetriedWhenConfigured() async throws {
        let f = try QueueFixture()
        defer { f.remove() }
        for t in Int64(1)...3 { try f.cycle(t) }
        let transport = ScriptedTransport([429, 429])
        let metrics = RemoteWriteMetrics()
        try await f.drain(try f.queue(transport, metrics: metrics) { $0.queue.retryOnHTTP429 = true }, transport, count: 6)
        #expect(got(transport) == expected(1...3))
        #expect(metrics.counters("test")?.retriedSamples == 6)
        #expect(metrics.counters("test")?.failedSamples == 0)
    }

    @Test func aRestartedQueueSendsOnlyWhatWasNotAcknowledged() async throws {
        let f = try QueueFixture()
        defer { f.remove() }
        for t in Int64(1)...4 { try f.cycle(t) }
        let first = ScriptedTransport()
        try await f.drain(try f.queue(first), first, count: 8)
        #expect(got(first) == expected(1...4))
        // More cycles while no queue runs (binwatch down, or the receiver down).
        for t in Int64(5)...7 { try f.cycle(t) }
        let second = ScriptedTransport()
        try await f.drain(try f.queue(second), second, count: 6)
        #expect(got(second) == expected(5...7))
    }

    @Test func aPositionInsideARecordResumesAtItsSample() async throws {
        let f = try QueueFixture()
        defer { f.remove() }
        // One record of 5 samples: with batches of 3 the first acknowledgement ends inside it.
        var samples = WALSamples()
        for t in Int64(1)...5 { samples.append(ref: 0, timestamp: t * 1000, value: Double(t)) }
        try f.writer.append([.samples(samples)])
        // The first batch is acknowledged, the second keeps failing until the queue is stopped.
        let first = ScriptedTransport([200] + Array(repeating: 503, count: 100_000))
        let metrics = RemoteWriteMetrics()
        let queue = try f.queue(first, metrics: metrics)
        let task = Task { await queue.run() }
        #expect(try await eventually { (metrics.counters("test")?.retriedSamples ?? 0) > 0 })
        task.cancel()
        await task.value
        #expect(first.samples.map { $0.1 } == [1000, 2000, 3000])
        #expect(await queue.acknowledged.sample == 3)
        let second = ScriptedTransport()
        try await f.drain(try f.queue(second), second, count: 2)
        #expect(second.samples.map { $0.1 } == [4000, 5000])
    }

    @Test func relabelDropsAreCountedAndExternalLabelsYieldToTheSeries() async throws {
        let f = try QueueFixture()
        defer { f.remove() }
        try f.writer.append([.series([WALSeries(ref: 2, labels: Labels(["__name__": "m", "site": "own"]))])])
        var samples = WALSamples()
        samples.append(ref: 2, timestamp: 1000, value: 7)
        samples.append(ref: 1, timestamp: 1000, value: 8)
        try f.writer.append([.samples(samples)])
        let transport = ScriptedTransport()
        let metrics = RemoteWriteMetrics()
        let queue = try f.queue(transport, metrics: metrics) { config in
            var drop = RelabelConfig()
            drop.sourceLabels = ["facility"]
            drop.regex = try! CompiledRegex("F2")
            drop.action = .drop
            config.writeRelabelConfigs = [drop]
        }
        try await f.drain(queue, transport, count: 1)
        #expect(got(transport) == ["m{site=\"own\"} 1000 7.0"])
        #expect(metrics.counters("test")?.droppedSamples == 1)
    }
}
