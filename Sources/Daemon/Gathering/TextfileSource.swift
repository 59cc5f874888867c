public import Collectors
public import Exposition
import Foundation
public import Model

/// A Prometheus text file read every cycle (`sources.textfile`), as node_exporter's textfile
/// collector reads one: lets other jobs (cron scripts, the seeds' health-check.sh) feed binwatch.
public struct TextfileSource: Source {
    /// Why the file could not be used.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public let name: String
    public let path: String

    public init(name: String, path: String) {
        self.name = name
        self.path = path
    }

    public func collect(at timestamp: Timestamp) async throws -> [MetricFamily] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "textfile source \(name): cannot read \(path)")
        }
        do {
            return try TextParser(fileName: path, textfile: true).parse(Array(data))
        } catch {
            throw Failure(description: "textfile source \(name): \(error)")
        }
    }
}
