import Testing

/// The real amtool beside binwatch, for the commands binwatch copies from it.
enum AmtoolComparison {
    static let amtool = "/usr/bin/amtool"

    /// Runs `amtool ARGS` and `binwatch ARGS` (in `dir` when given) and expects the same
    /// stdout and exit code; stderr differs by the program name and amtool's config warnings.
    /// - Returns: binwatch's result, for further checks.
    @discardableResult
    static func expectSame(
        _ arguments: [String], in dir: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> BinwatchProcess.Result {
        let reference = try await BinwatchProcess.runTool([amtool] + arguments, currentDirectory: dir)
        let result = try await BinwatchProcess.run(arguments, currentDirectory: dir)
        #expect(result.status == reference.status,
                "\(arguments): exit \(result.status), amtool \(reference.status); stderr \(result.stderr)",
                sourceLocation: sourceLocation)
        #expect(result.stdout == reference.stdout, "\(arguments)\nbinwatch:\n\(result.stdout)\namtool:\n\(reference.stdout)",
                sourceLocation: sourceLocation)
        return result
    }
}
