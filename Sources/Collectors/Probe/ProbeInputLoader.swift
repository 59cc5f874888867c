import Foundation
import PackingCore
import PostgresClient

/// The probe's input as loaded: bins, and lines or materials.
struct ProbeInput: Sendable {
    var bins: [StorageBin]
    var items: [PutawayItem]
    var sampled: Bool
}

/// Loads bins and items from their configured places (a JSON file, or a query on the
/// WMS database with the facility as `$1`).
struct ProbeInputLoader: Sendable {
    let config: PutawayProbeConfig
    let binsExecutor: (any SQLExecutor)?
    let itemsExecutor: (any SQLExecutor)?
    let queryTimeout: Duration

    func load() async throws(ProbeLoadError) -> ProbeInput {
        let bins: [StorageBin]
        switch config.bins {
        case .file(let path):
            bins = try decode(path) { data throws(PutawayInputError) in try PutawayInput.bins(from: data, file: path) }
        case .postgres(let source, let query):
            bins = try ProbeRows.bins(try await run(query, on: binsExecutor, source: source, what: "bins_query"))
        }
        switch config.items {
        case .file(let path):
            let items = try decode(path) { data throws(PutawayInputError) in try PutawayInput.items(from: data, file: path) }
            return ProbeInput(bins: bins, items: items, sampled: false)
        case .postgres(let source, let query):
            let items = try ProbeRows.materials(try await run(query, on: itemsExecutor, source: source, what: "items_query"))
            return ProbeInput(bins: bins, items: items, sampled: true)
        }
    }

    private func decode<T>(_ path: String, _ body: (Data) throws(PutawayInputError) -> T) throws(ProbeLoadError) -> T {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ProbeLoadError("\(path): cannot read file: \((error as NSError).localizedDescription)")
        }
        do {
            return try body(data)
        } catch {
            throw ProbeLoadError(error.description)
        }
    }

    private func run(
        _ query: String, on executor: (any SQLExecutor)?, source: String, what: String
    ) async throws(ProbeLoadError) -> QueryResult {
        guard let executor else { throw ProbeLoadError("\(what): no session for source \"\(source)\"") }
        do {
            try await executor.connect()
            return try await executor.query(query, parameters: [config.facility], timeout: queryTimeout)
        } catch {
            throw ProbeLoadError("\(what) on source \"\(source)\": \(error)")
        }
    }
}

extension ProbeInputLoader {
    func close() async {
        await binsExecutor?.close()
        await itemsExecutor?.close()
    }
}
