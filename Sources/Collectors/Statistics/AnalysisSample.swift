import PostgresClient

/// The observations of one analysis, read from its query's rows.
///
/// Rows with NULL in any column the analysis uses are skipped (as sql_exporter skips NULL
/// values); a missing column, a non-numeric value or a NaN/infinity fails the analysis
/// with an error naming it, the column and the row.
enum AnalysisSample: Sendable, Equatable {
    /// describe, outliers.
    case values([Double])
    /// correlation, trend: paired observations.
    case pairs(x: [Double], y: [Double])
    /// ab_test: the values of group a and of group b.
    case groups(a: [Double], b: [Double])
    /// chisq: counts by group (rows) and outcome (columns), categories sorted.
    case table(groups: [String], outcomes: [String], counts: [[Double]])

    /// Reads the sample `analysis` needs from `result`.
    /// - Throws: `StatisticsSourceError` naming the analysis.
    static func read(_ analysis: StatisticsAnalysis, from result: QueryResult) throws(StatisticsSourceError) -> AnalysisSample {
        let reader = RowReader(analysis: analysis.name, result: result)
        switch analysis.kind {
        case .describe(let value), .outliers(let value, _):
            let column = try reader.index(of: value)
            var values: [Double] = []
            for row in result.rows.indices {
                if let v = try reader.number(row: row, column: column) { values.append(v) }
            }
            return .values(values)
        case .correlation(let x, let y, _, _), .trend(let x, let y, _, _):
            let xc = try reader.index(of: x), yc = try reader.index(of: y)
            var xs: [Double] = [], ys: [Double] = []
            for row in result.rows.indices {
                guard let xv = try reader.number(row: row, column: xc), let yv = try reader.number(row: row, column: yc)
                else { continue }
                xs.append(xv)
                ys.append(yv)
            }
            return .pairs(x: xs, y: ys)
        case .abTest(let group, let a, let b, let value, _):
            let gc = try reader.index(of: group), vc = try reader.index(of: value)
            var av: [Double] = [], bv: [Double] = []
            for (index, row) in result.rows.enumerated() {
                // Rows of other groups (a third algorithm) are not part of this comparison.
                guard let g = row[gc], g == a || g == b, let v = try reader.number(row: index, column: vc) else { continue }
                if g == a { av.append(v) } else { bv.append(v) }
            }
            return .groups(a: av, b: bv)
        case .chisq(let group, let outcome, let count, _, _):
            let gc = try reader.index(of: group), oc = try reader.index(of: outcome)
            let cc = try count.map { (c: String) throws(StatisticsSourceError) in try reader.index(of: c) }
            var cells: [String: [String: Double]] = [:]
            var outcomes = Set<String>()
            for (index, row) in result.rows.enumerated() {
                guard let g = row[gc], let o = row[oc] else { continue }
                var n = 1.0
                if let cc {
                    guard let c = try reader.number(row: index, column: cc) else { continue }
                    guard c >= 0 else { throw reader.failure("row \(index + 1): count column \"\(count ?? "")\" is negative (\(c))") }
                    n = c
                }
                cells[g, default: [:]][o, default: 0] += n
                outcomes.insert(o)
            }
            let groups = cells.keys.sorted(), sortedOutcomes = outcomes.sorted()
            let counts = groups.map { g in sortedOutcomes.map { o in cells[g]?[o] ?? 0 } }
            return .table(groups: groups, outcomes: sortedOutcomes, counts: counts)
        }
    }
}

/// Column lookup and number conversion with errors that name the analysis.
private struct RowReader {
    let analysis: String
    let result: QueryResult

    func failure(_ message: String) -> StatisticsSourceError {
        StatisticsSourceError(analysis: analysis, message: message)
    }

    func index(of column: String) throws(StatisticsSourceError) -> Int {
        guard let index = result.columnIndex(named: column) else {
            let present = result.columns.map(\.name).joined(separator: ", ")
            throw failure("column \"\(column)\" is not in the query's result (columns: \(present))")
        }
        return index
    }

    /// The value at (`row`, `column`); nil for NULL.
    func number(row: Int, column: Int) throws(StatisticsSourceError) -> Double? {
        let value: Double?
        do {
            value = try result.rows[row].double(at: column, column: result.columns[column])
        } catch {
            throw failure("row \(row + 1): \(error.message)")
        }
        guard let value else { return nil }
        // NaN and infinity would poison every statistic; say where they came from.
        guard value.isFinite else {
            throw failure("row \(row + 1): column \"\(result.columns[column].name)\" is \(value); NaN and infinity are not accepted")
        }
        return value
    }
}
