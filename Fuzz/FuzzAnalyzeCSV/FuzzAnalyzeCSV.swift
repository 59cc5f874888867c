import FuzzSupport
import Statistics

/// `binwatch analyze` CSV input: any bytes either split into records or throw `CSVInputError`;
/// every column either reads as finite numbers or throws; the numbers go through the analyses
/// the commands run (describe, outliers, correlate, regress, t-test) and the whole file through
/// the chi-square table reader. Analyses may throw `StatisticsError` (too few values, zero
/// variance); they must not crash, and a description's numbers stay within the data's range.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let table = try? CSVTable(file: "fuzz.csv", bytes: fuzzBytes(data, size)) else { return 0 }
    if let counts = try? ContingencyTable(table).counts {
        _ = try? ChiSquareTest(counts, correction: true)
        _ = try? ChiSquareTest(counts, correction: false)
    }
    guard let columns = try? CSVColumns(table) else { return 0 }
    var numeric: [[Double]] = []
    for name in columns.header.prefix(8) {
        guard let values = try? columns.values(of: name) else { continue }
        fuzzCheck(values.allSatisfy(\.isFinite), "column \(name.debugDescription) gave a non-finite value")
        numeric.append(values)
        if let d = try? Descriptive(values) {
            fuzzCheck(d.min <= d.median && d.median <= d.max, "median \(d.median) outside [\(d.min), \(d.max)]")
        }
        for method in OutlierMethod.allCases { _ = try? OutlierReport(values, method: method) }
    }
    for (x, y) in zip(numeric, numeric.dropFirst()) {
        let n = min(x.count, y.count)
        _ = try? Correlation.pearson(Array(x.prefix(n)), Array(y.prefix(n)))
        _ = try? Correlation.spearman(Array(x.prefix(n)), Array(y.prefix(n)))
        _ = try? Regression(x: Array(x.prefix(n)), y: Array(y.prefix(n)))
        _ = try? WelchTTest(x, y)
        _ = try? EffectSize.cohensD(x, y)
    }
    return 0
}

@main enum Main {
    static func main() { FuzzMain.run(fuzz) }
}
