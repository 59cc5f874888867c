import Collectors
import Daemon
import Exposition
import Logging
import Model
import Synchronization
import Testing

/// A source's problems (database down, a failed query) reach the log when they change,
/// once, not every cycle.
@Suite struct SourceProblemsLogTests {
    /// Answers with the problems the test sets.
    final class TroubledSource: Source {
        let name = "db"
        let problems = Mutex<[String]>([])
        func collect(at timestamp: Timestamp) async throws -> [MetricFamily] { [] }
        func gather(at timestamp: Timestamp) async throws -> SourceCollection {
            SourceCollection(families: [], problems: problems.withLock { $0 })
        }
    }

    /// The records a `CapturingLogHandler` keeps (level, message, `err` metadata).
    final class LogRecords: Sendable {
        let value = Mutex<[(Logger.Level, String, String)]>([])
    }

    /// Keeps every record, for the test to read.
    struct CapturingLogHandler: LogHandler {
        let records: LogRecords
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(
            level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String,
            function: String, line: UInt
        ) {
            let err = metadata?["err"].map { "\($0)" } ?? ""
            records.value.withLock { $0.append((level, message.description, err)) }
        }
    }

    @Test func problemsAreLoggedWhenTheyChange() async throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write("data.prom", "x 1\n")
        try ws.write("rules/r.yml", "groups: [{name: g, rules: [{record: y, expr: x * 2}]}]\n")
        try ws.writeConfig()
        let box = LogRecords()
        let logger = Logger(label: "test") { _ in CapturingLogHandler(records: box) }
        let source = TroubledSource()
        let scheduler = Scheduler(try ws.load(), extraSources: [source], clock: ManualClock(t0), timeoutClock: PatientClock(), logger: logger)
        func problemLines() -> [String] {
            box.value.withLock { records in
                records.filter { $0.1.hasPrefix("source problem") }.map { "\($0.0) \($0.1) \($0.2)" }
            }
        }

        source.problems.withLock { $0 = ["cannot connect: connection refused"] }
        for minute in 0..<3 { await scheduler.runOnce(at: at(Int64(minute) * 60)) }
        #expect(problemLines() == ["warning source problem cannot connect: connection refused"])

        source.problems.withLock { $0 = [] }
        await scheduler.runOnce(at: at(180))
        await scheduler.runOnce(at: at(240))
        #expect(problemLines().last == "notice source problems cleared ")
        #expect(problemLines().count == 2)

        source.problems.withLock { $0 = ["cannot connect: connection refused"] }
        await scheduler.runOnce(at: at(300))
        #expect(problemLines().count == 3)
        #expect(problemLines().last == "warning source problem cannot connect: connection refused")
    }
}
