import ArgumentParser
import Collectors
import Foundation
import PackingCore

extension Binwatch {
    /// `binwatch probe putaway`: plan one putaway batch and print the recommendations as JSON.
    /// Formats: docs/probe-putaway.md.
    struct ProbePutaway: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "putaway",
            abstract: "Recommend bins for a batch of received items (JSON in, JSON out).",
            discussion: "Input and output formats: docs/probe-putaway.md.")

        @Option(help: "JSON file with {\"bins\":[…]}.")
        var bins: String

        @Option(help: "JSON file with {\"items\":[…]}.")
        var items: String

        @Option(help: "FFD, BFD or HYBRID.")
        var algorithm: String = "HYBRID"

        @Option(name: .customLong("time-budget-ms"), help: "Run the consolidation search for up to N ms (0: off).")
        var timeBudgetMs: Int = 0

        func validate() throws {
            guard PutawayAlgorithm(rawValue: algorithm.uppercased()) != nil else {
                throw ValidationError("--algorithm: expected FFD, BFD or HYBRID, found \"\(algorithm)\"")
            }
            guard timeBudgetMs >= 0 else { throw ValidationError("--time-budget-ms: expected N ≥ 0, found \(timeBudgetMs)") }
        }

        func run() async throws {
            let request: PutawayRequest
            do {
                let binList = try PutawayInput.bins(from: try read(bins), file: bins)
                let itemList = try PutawayInput.items(from: try read(items), file: items)
                guard let chosen = PutawayAlgorithm(rawValue: algorithm.uppercased()) else { throw ExitCode(1) }
                let clock = ContinuousClock(), origin = clock.now
                let budget = timeBudgetMs > 0
                    ? ImprovementSearch.Budget(nanoseconds: UInt64(timeBudgetMs) * 1_000_000, now: {
                        let elapsed = ContinuousClock().now - origin
                        return UInt64(elapsed.components.seconds) * 1_000_000_000 + UInt64(elapsed.components.attoseconds / 1_000_000_000)
                    })
                    : nil
                request = PutawayRequest(bins: binList, items: itemList, algorithm: chosen, improvement: budget)
            } catch let error as PutawayInputError {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                throw ExitCode(1)
            }
            let clock = ContinuousClock()
            let start = clock.now
            let plan = PutawayPlanner.plan(request)
            let elapsed = clock.now - start
            let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            for issue in plan.binIssues {
                FileHandle.standardError.write(Data(
                    "warning: bins[\(issue.binIndex)] (\(issue.locationId)).\(issue.field): \(issue.message); bin left out\n".utf8))
            }
            let output = PutawayOutput(plan: plan, processingTimeMs: ms)
            FileHandle.standardOutput.write(try output.json())
        }

        private func read(_ path: String) throws(PutawayInputError) -> Data {
            do {
                return try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw PutawayInputError(file: path, path: "", message: "cannot read file: \(error.localizedDescription)")
            }
        }
    }
}
