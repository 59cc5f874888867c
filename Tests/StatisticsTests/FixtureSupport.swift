import Foundation
import Testing

/// Loads the scipy/numpy reference fixtures that scripts/gen-statistics-fixtures.py writes.
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func load<T: Decodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        return try JSONDecoder().decode(T.self, from: data)
    }
}

/// The agreement the issue asks for: 1e-9 relative to scipy's answer.
let referenceTolerance = 1e-9

/// |actual − expected| ≤ tol · |expected|; an expected 0 must be matched within 1e-300.
func close(_ actual: Double, _ expected: Double, _ tol: Double = referenceTolerance) -> Bool {
    if actual == expected { return true }
    return abs(actual - expected) <= Swift.max(tol * abs(expected), 1e-300)
}

/// Records a failure naming the case and field unless `actual` is close to `expected`.
func expectClose(
    _ actual: Double?, _ expected: Double?, _ what: String, tol: Double = referenceTolerance,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    switch (actual, expected) {
    case (nil, nil): return
    case let (a?, e?):
        #expect(close(a, e, tol), "\(what): got \(a), scipy says \(e) (rel \(abs(a - e) / Swift.max(abs(e), 1e-300)))",
                sourceLocation: sourceLocation)
    default:
        Issue.record("\(what): got \(String(describing: actual)), scipy says \(String(describing: expected))",
                     sourceLocation: sourceLocation)
    }
}
