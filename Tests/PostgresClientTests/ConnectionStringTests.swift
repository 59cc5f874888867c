import Model
@testable import PostgresClient
import Testing

@Suite struct ConnectionStringTests {
    @Test func keyValuePasswordIsRedacted() throws {
        let string = try ConnectionString(Secret("host=/tmp port=5 user=u password=hunter2pass dbname=d"))
        #expect(string.redact("oops hunter2pass leaked") == "oops <secret> leaked")
    }

    @Test func uriPasswordIsRedactedInBothSpellings() throws {
        let string = try ConnectionString(Secret("postgresql://u:p%40ss%2Fw0rd@127.0.0.1:5432/db"))
        #expect(string.redact("a p%40ss%2Fw0rd b p@ss/w0rd c") == "a <secret> b <secret> c")
    }

    @Test(arguments: [
        ("postgresql://u:pw@h/db", "pw"),
        ("postgres://u:p:w@h:1/db?x=y", "p:w"),
        ("postgresql://u@h/db", nil),
        ("host=h password=x", nil),
    ] as [(String, String?)])
    func uriPassword(uri: String, expected: String?) {
        #expect(ConnectionString.uriPassword(uri) == expected)
    }

    @Test func parseErrorNeverQuotesTheString() {
        // libpq says: missing "=" after "hunter2pass" in connection info string
        #expect {
            _ = try ConnectionString(Secret("host=/tmp hunter2pass"))
        } throws: { error in
            guard let error = error as? PostgresError else { return false }
            return error.kind == .invalidConnectionString && !error.description.contains("hunter2pass")
                && error.description.contains("invalid connection string")
        }
    }

    @Test func invalidURIParameterDoesNotLeak() {
        #expect {
            _ = try ConnectionString(Secret("postgresql://u:topsecret@h/db?topsecret=1"))
        } throws: { error in
            guard let error = error as? PostgresError else { return false }
            return !error.description.contains("topsecret")
        }
    }
}
