/// One column of a result: its name as the server labels it, and its type.
public struct Column: Sendable, Hashable {
    /// The column's name (`PQfname`): the alias, or `?column?` for an unnamed expression.
    public var name: String
    /// The column's type (`PQftype`).
    public var type: PostgresType

    /// A column description.
    public init(name: String, type: PostgresType) {
        self.name = name
        self.type = type
    }
}

/// The rows a statement returned, in text format, with their column descriptions.
public struct QueryResult: Sendable, Hashable {
    /// The result's columns, in order.
    public var columns: [Column]
    /// The rows, each with one value per column.
    public var rows: [Row]
    /// The command tag (`SELECT 3`, `SET`), as `PQcmdStatus` gives it.
    public var commandTag: String

    /// A result (tests and fakes build these; `Connection` reads them from libpq).
    public init(columns: [Column], rows: [Row], commandTag: String = "") {
        self.columns = columns
        self.rows = rows
        self.commandTag = commandTag
    }

    /// The index of the first column named exactly `name`, as the server spelled it
    /// (unquoted identifiers are folded to lower case by PostgreSQL).
    public func columnIndex(named name: String) -> Int? {
        columns.firstIndex { $0.name == name }
    }
}
