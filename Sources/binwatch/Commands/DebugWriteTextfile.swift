import ArgumentParser
import Exposition
import Foundation
import Model

extension Binwatch {
    /// `binwatch debug write-textfile PATH --series N [--loop] [--max-file-size BYTES]`:
    /// writes a generated textfile with `TextfileWriter`, once or until killed. The crash test
    /// SIGKILLs it mid-write; `--max-file-size` sets RLIMIT_FSIZE so a write fails with EFBIG,
    /// standing in for a full disk.
    struct DebugWriteTextfile: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "write-textfile", abstract: "Write a generated textfile atomically.", shouldDisplay: false)

        @Argument var path: String
        @Option var series = 1000
        @Flag var loop = false
        @Option(help: "RLIMIT_FSIZE in bytes; writes past it fail with EFBIG.") var maxFileSize: Int?

        func run() async throws {
            if let maxFileSize {
                signal(SIGXFSZ, SIG_IGN)  // get EFBIG from write(2) instead of being killed
                var limit = rlimit(rlim_cur: rlim_t(maxFileSize), rlim_max: rlim_t(maxFileSize))
                guard setrlimit(Int32(RLIMIT_FSIZE.rawValue), &limit) == 0 else { throw ExitCode(2) }
            }
            let writer = TextfileWriter(path: path)
            var generation = 0
            repeat {
                generation += 1
                do {
                    try writer.write(Self.families(series: series, generation: generation))
                } catch {
                    FileHandle.standardError.write(Data("\(error)\n".utf8))
                    throw ExitCode.failure
                }
                if generation == 1 { FileHandle.standardOutput.write(Data("wrote generation 1\n".utf8)) }
            } while loop
        }

        /// `binwatch_debug_series{shard,index}` gauges whose values all equal `generation`,
        /// plus `binwatch_debug_series_count`, so a reader can check a file is whole.
        static func families(series: Int, generation: Int) -> [MetricFamily] {
            let samples = (0..<series).map { index in
                MetricSample(
                    name: "binwatch_debug_series",
                    labels: Labels(["shard": String(index % 16), "index": String(index)]),
                    value: Double(generation))
            }
            return [
                MetricFamily(name: "binwatch_debug_series", help: "Generated series; every value is the generation.", type: .gauge, samples: samples),
                MetricFamily(name: "binwatch_debug_series_count", help: "How many binwatch_debug_series the file holds.", type: .gauge,
                             samples: [MetricSample(name: "binwatch_debug_series_count", value: Double(series))]),
            ]
        }
    }
}
