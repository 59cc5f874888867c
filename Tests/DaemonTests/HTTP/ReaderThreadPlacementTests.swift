@testable import Daemon
import Foundation
import Testing

/// Readers' threads leave the scheduler a CPU: nice 10, and off the first allowed CPU when
/// the process may use two or more.
@Suite struct ReaderThreadPlacementTests {
    /// `Cpus_allowed_list` of a /proc status file, expanded ("0-2,5" → [0, 1, 2, 5]).
    static func allowedCPUs(_ statusPath: String) throws -> [Int] {
        let status = try String(contentsOfFile: statusPath, encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed_list:") })
        let list = line.dropFirst("Cpus_allowed_list:".count).trimmingCharacters(in: .whitespaces)
        return list.split(separator: ",").flatMap { part -> [Int] in
            let bounds = part.split(separator: "-").compactMap { Int($0) }
            return bounds.count == 2 ? Array(bounds[0]...bounds[1]) : bounds
        }
    }

    @Test func queryThreadsRunNicedAndOffTheFirstCPU() async throws {
        let process = try Self.allowedCPUs("/proc/self/status")
        let (nice, reader) = try await QueryExecutor.onOwnThread {
            (getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0), Result { try Self.allowedCPUs("/proc/thread-self/status") })
        }
        #expect(nice == ReaderThreadPlacement.nice)
        let readerCPUs = try reader.get()
        if process.count >= 2 {
            #expect(readerCPUs == Array(process.dropFirst()))
        } else {
            #expect(readerCPUs == process)
        }
        // The calling thread (the cooperative pool) keeps every CPU.
        #expect(try Self.allowedCPUs("/proc/thread-self/status") == process)
    }
}
