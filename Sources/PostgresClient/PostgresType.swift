/// A result column's type, by the built-in OIDs of `pg_type` that binwatch cares about;
/// every other type keeps its OID.
public enum PostgresType: Sendable, Hashable {
    case bool, int2, int4, int8, oid, float4, float8, numeric, money
    case text, varchar, bpchar, name
    case timestamp, timestamptz, date, interval
    case other(UInt32)

    /// Maps a `pg_type.oid` (as `PQftype` returns it) to a case.
    public init(oid: UInt32) {
        switch oid {
        case 16: self = .bool
        case 20: self = .int8
        case 21: self = .int2
        case 23: self = .int4
        case 26: self = .oid
        case 700: self = .float4
        case 701: self = .float8
        case 790: self = .money
        case 1700: self = .numeric
        case 25: self = .text
        case 1043: self = .varchar
        case 1042: self = .bpchar
        case 19: self = .name
        case 1114: self = .timestamp
        case 1184: self = .timestamptz
        case 1082: self = .date
        case 1186: self = .interval
        default: self = .other(oid)
        }
    }

    /// Integer, floating and `numeric` types, whose text form is a number.
    public var isNumeric: Bool {
        switch self {
        case .int2, .int4, .int8, .oid, .float4, .float8, .numeric: true
        default: false
        }
    }

    /// The SQL name, for error messages.
    public var name: String {
        switch self {
        case .bool: "boolean"
        case .int2: "smallint"
        case .int4: "integer"
        case .int8: "bigint"
        case .oid: "oid"
        case .float4: "real"
        case .float8: "double precision"
        case .numeric: "numeric"
        case .money: "money"
        case .text: "text"
        case .varchar: "character varying"
        case .bpchar: "character"
        case .name: "name"
        case .timestamp: "timestamp without time zone"
        case .timestamptz: "timestamp with time zone"
        case .date: "date"
        case .interval: "interval"
        case .other(let oid): "type oid \(oid)"
        }
    }
}
