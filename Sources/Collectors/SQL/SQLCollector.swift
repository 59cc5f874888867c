public import Exposition
import Model
public import PostgresClient

/// Turns query results into samples as a collector file's metric describes, in
/// sql_exporter's manner: key columns become labels, each value column gives a sample,
/// NULL values skip the sample, and anything else wrong fails the whole metric.
public enum SQLCollector {
    /// The samples of `metric` for `result`.
    /// - Throws: `SQLCollectorError` when a configured column is missing, a value column is
    ///   not numeric, or two rows give the same series.
    public static func samples(
        for metric: CollectorFile.Metric, collector: String, from result: QueryResult
    ) throws(SQLCollectorError) -> [MetricSample] {
        func failure(_ message: String) -> SQLCollectorError {
            SQLCollectorError(collector: collector, metric: metric.name, message: message)
        }
        func index(of column: String) throws(SQLCollectorError) -> Int {
            guard let index = result.columnIndex(named: column) else {
                let present = result.columns.map(\.name).joined(separator: ", ")
                throw failure("column \"\(column)\" is not in the query's result (columns: \(present))")
            }
            return index
        }
        var keyColumns: [(label: String, index: Int)] = []
        for label in metric.keyLabels { keyColumns.append((label, try index(of: label))) }
        var valueColumns: [(name: String, index: Int)] = []
        for value in metric.values { valueColumns.append((value, try index(of: value))) }

        var samples: [MetricSample] = []
        samples.reserveCapacity(result.rows.count * valueColumns.count)
        var seen = Set<Labels>()
        for row in result.rows {
            var labels = metric.staticLabels
            for key in keyColumns {
                // A NULL key column gives an empty, i.e. absent, label, as in sql_exporter.
                labels.set(key.label, to: row[key.index] ?? "")
            }
            for value in valueColumns {
                var sampleLabels = labels
                if let valueLabel = metric.valueLabel { sampleLabels.set(valueLabel, to: value.name) }
                let number: Double?
                do {
                    number = try row.double(at: value.index, column: result.columns[value.index])
                } catch {
                    throw failure("value \(error.message)")
                }
                guard let number else { continue }
                guard seen.insert(sampleLabels).inserted else {
                    throw failure("two rows give the same series \(metric.name)\(sampleLabels.description)")
                }
                samples.append(MetricSample(name: metric.name, labels: sampleLabels, value: number))
            }
        }
        return samples
    }
}
