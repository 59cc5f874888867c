import ConfigYAML
import Model
import Testing

/// The typed readers: every error of a file at once, each at `file:line:col` with its key
/// path; `${ENV}` expansion; merge keys and documents through `ConfigDiagnostics.root`.
@Suite struct ConfigNodeTests {
    static func decode(
        _ text: String, environment: [String: String] = [:]
    ) -> (values: [String: String], errors: [String]) {
        let diagnostics = ConfigDiagnostics(file: "c.yml", environment: environment)
        var values: [String: String] = [:]
        if let root = diagnostics.root(of: text),
           let entries = root.mapping(allowed: ["name", "interval", "dsn", "labels", "count"]) {
            values["name"] = entries["name"]?.nonEmptyString(expected: "a name")
            values["interval"] = entries["interval"]?.duration().map { "\($0)" }
            values["dsn"] = entries["dsn"]?.expandedString(expected: "a DSN")
            values["count"] = entries["count"]?.int().map(String.init)
            for (name, value) in entries["labels"]?.labelMap() ?? [:] { values["labels.\(name)"] = value }
        }
        return (values, diagnostics.errors.map(\.description))
    }

    @Test func everyErrorOfTheFileAtOnce() {
        let (_, errors) = Self.decode("""
            name: ''
            interval: soon
            colour: blue
            count: -1
            labels: {__bad: x, ok: y}
            """)
        // The unknown key is found while the mapping is read, before the values.
        #expect(errors.sorted() == [
            "c.yml:1:7: name: expected a name, found an empty string",
            "c.yml:2:11: interval: expected a duration like 5s, found \"soon\"",
            "c.yml:3:1: colour: expected one of the keys name, interval, dsn, labels, count, found unknown key \"colour\"",
            "c.yml:4:8: count: expected a non-negative integer, found \"-1\"",
            "c.yml:5:10: labels.__bad: expected \(LabelRules.expected), found \"__bad\"",
        ])
    }

    @Test func environmentReferencesExpandAndUnsetOnesAreErrorsThatNameNoValue() {
        let good = Self.decode("dsn: 'host=${PGHOST} password=$$ecret'", environment: ["PGHOST": "db1"])
        #expect(good.errors.isEmpty)
        #expect(good.values["dsn"] == "host=db1 password=$ecret")
        let bad = Self.decode("dsn: '${MISSING}'")
        #expect(bad.errors == ["c.yml:1:6: dsn: expected environment variable MISSING to be set (for ${MISSING}), found it unset"])
    }

    @Test func mergeKeysWorkThroughTheRoot() {
        let (values, errors) = Self.decode("""
            name: &n job
            labels: &l {team: wms}
            <<: {interval: 30s}
            """)
        #expect(errors.isEmpty)
        #expect(values == ["name": "job", "interval": "30s", "labels.team": "wms"])
    }

    @Test func aSecondDocumentIsAnErrorRatherThanSilentlyDropped() {
        let (_, errors) = Self.decode("name: a\n---\nname: b\n")
        #expect(errors == ["c.yml:3:1: expected one YAML document (a --- separator starts a second), found another document"])
        #expect(Self.decode("name: a\n---\n").errors.isEmpty, "an empty trailing document is harmless")
    }

    @Test func syntaxAndEmptyFilesAreConfigErrors() {
        #expect(Self.decode("name: [a\n").errors.first?.hasPrefix("c.yml:2:1: expected valid YAML, found ") == true)
        #expect(Self.decode("").errors == ["c.yml:1:1: expected a YAML mapping, found an empty document"])
        #expect(Self.decode("name: a\nname: b\n").errors.first?.hasPrefix("c.yml:") == true)
    }
}
