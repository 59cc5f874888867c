import ArgumentParser
import Foundation
import Model
import PromQL
import Storage

extension Binwatch {
    /// `binwatch check state PATH`: reads a WAL offline without changing it and prints what it
    /// holds, as `promtool tsdb analyze` does for a block.
    struct CheckState: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "state",
            abstract: "Verify the series history (WAL and checkpoint) offline and print what it holds.",
            discussion: """
                PATH is the WAL folder, the folder that holds it (wal/), or the state file beside it.
                Nothing is modified: a torn tail or a damaged segment is reported, not repaired (binwatch run
                repairs at start). Exits 0 when every record reads, 1 when something is damaged or unreadable.
                """)

        @Argument(help: "The WAL folder, its parent folder, or the state file (state.path).")
        var path: String

        func run() async throws {
            let directory = Self.walDirectory(path)
            var seriesByName: [String: Int] = [:]
            var minT = Int64.max, maxT = Int64.min
            var staleMarkers = 0
            var sources: [String: Int] = [:]
            let report: WALReplay.Report
            do {
                report = try WALReplay.run(directory: directory, repair: false) { record in
                    switch record {
                    case .series(let series):
                        for s in series { seriesByName[s.labels.metricName ?? "", default: 0] += 1 }
                    case .samples(let samples):
                        for i in 0..<samples.count {
                            minT = min(minT, samples.timestamps[i])
                            maxT = max(maxT, samples.timestamps[i])
                            if StaleNaN.isStale(samples.values[i]) { staleMarkers += 1 }
                        }
                    case .sourceSeen(let source, let refs):
                        sources[source] = refs.count
                    }
                }
            } catch {
                FileHandle.standardError.write(Data("\(directory): \(error)\n".utf8))
                throw ExitCode.failure
            }
            var out = "WAL \(directory)\n"
            out += "  checkpoint: \(report.checkpoint.map { "checkpoint.\($0)" } ?? "none")\n"
            out += "  segments: \(report.segments.count)"
            if let first = report.segments.first, let last = report.segments.last { out += " (\(first)...\(last))" }
            out += "\n  bytes: \(report.bytesOnDisk)\n  records: \(report.records)\n"
            out += "  series definitions: \(report.series)\n  samples: \(report.samples) (staleness markers: \(staleMarkers))\n"
            if minT <= maxT {
                out += "  time range: \(Self.iso(minT)) .. \(Self.iso(maxT))\n"
            }
            if !sources.isEmpty {
                out += "  sources (series last reported): "
                out += sources.keys.sorted().map { "\($0)=\(sources[$0] ?? 0)" }.joined(separator: ", ") + "\n"
            }
            let top = seriesByName.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(10)
            if !top.isEmpty {
                out += "  metric names by series (top \(top.count)):\n"
                for (name, count) in top { out += "    \(count)\t\(name)\n" }
            }
            print(out, terminator: "")
            var damaged = false
            if let torn = report.tornTail {
                FileHandle.standardError.write(Data("torn tail: \(torn) (binwatch run truncates it)\n".utf8))
                damaged = true
            }
            for (corruption, _) in report.setAside {
                FileHandle.standardError.write(Data("damaged: \(corruption) (binwatch run sets it aside)\n".utf8))
                damaged = true
            }
            for problem in report.problems {
                FileHandle.standardError.write(Data("unreadable: \(problem)\n".utf8))
                damaged = true
            }
            if damaged { throw ExitCode.failure }
        }

        /// The WAL folder `path` names (see the discussion).
        static func walDirectory(_ path: String) -> String {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return path }
            if !isDirectory.boolValue {
                let parent = (path as NSString).deletingLastPathComponent
                return (parent.isEmpty ? "." : parent) + "/wal"
            }
            let nested = path + "/wal"
            var nestedIsDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: nested, isDirectory: &nestedIsDirectory), nestedIsDirectory.boolValue {
                return nested
            }
            return path
        }

        static func iso(_ milliseconds: Int64) -> String {
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            return ISO8601DateFormatter().string(from: date)
        }
    }
}
