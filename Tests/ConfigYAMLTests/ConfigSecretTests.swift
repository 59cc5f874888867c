import ConfigYAML
import Model
import Synchronization
import Testing

/// `key` / `key_file` secrets: inline (a warning, never the value), `${NAME}`, or a file that
/// is read only through a reader (the daemon) and left unopened without one (`check config`).
@Suite struct ConfigSecretTests {
    static func read(
        _ text: String, environment: [String: String] = [:], readFile: ((String) -> String?)? = nil
    ) -> (secret: Secret?, errors: [String], warnings: [String]) {
        let diagnostics = ConfigDiagnostics(file: "s.yml", environment: environment, readFile: readFile)
        var secret: Secret?
        if let root = diagnostics.root(of: text), let entries = root.mapping(allowed: ["password", "password_file"]) {
            secret = ConfigSecret.read(
                inline: entries["password"], file: entries["password_file"], key: "password", fileKey: "password_file")
        }
        return (secret, diagnostics.errors.map(\.description), diagnostics.warnings.map(\.description))
    }

    @Test func inlineIsAcceptedWithAWarningThatNeverQuotesIt() {
        let (secret, errors, warnings) = Self.read("password: hunter2-inline\n")
        #expect(secret?.reveal() == "hunter2-inline")
        #expect(errors.isEmpty)
        #expect(warnings == [
            "s.yml:1:11: password: expected password_file or a ${ENV_VAR} reference (safer than a secret written inline), found a secret written inline",
        ])
    }

    @Test func environmentReferencesExpandAndAMissingOneIsNamed() {
        #expect(Self.read("password: '${PW}'\n", environment: ["PW": "from-env"]).secret?.reveal() == "from-env")
        #expect(Self.read("password: 'x-${PW}'\n", environment: ["PW": "y"]).secret?.reveal() == "x-y")
        let (secret, errors, _) = Self.read("password: '${PW}'\n")
        #expect(secret == nil)
        #expect(errors == ["s.yml:1:11: password: expected environment variable PW to be set (for ${PW}), found it unset"])
        #expect(Self.read("password: '${PW}'\n", environment: ["PW": ""]).errors
            == ["s.yml:1:11: password: expected a non-empty value from the environment, found an empty value"])
    }

    @Test func aFileIsReadOnlyThroughAReader() {
        let opened = Mutex<[String]>([])
        let files = ["/etc/pw": "  from-file\n", "/etc/empty": "\n"]
        let reader: (String) -> String? = { path in
            opened.withLock { $0.append(path) }
            return files[path]
        }
        #expect(Self.read("password_file: /etc/pw\n", readFile: reader).secret?.reveal() == "from-file")
        #expect(Self.read("password_file: /etc/missing\n", readFile: reader).errors
            == [#"s.yml:1:16: password_file: expected a readable file, found "/etc/missing", which cannot be read"#])
        #expect(Self.read("password_file: /etc/empty\n", readFile: reader).errors
            == [#"s.yml:1:16: password_file: expected a file holding the secret, found "/etc/empty", which is empty"#])
        #expect(opened.withLock { $0 } == ["/etc/pw", "/etc/missing", "/etc/empty"])
        // Without a reader nothing is opened and the config stays valid (checking only).
        let unread = Self.read("password_file: /etc/missing\n")
        #expect(unread.secret?.isEmpty == true && unread.errors.isEmpty)
    }

    @Test func bothOrAnEmptyPathAreErrors() {
        #expect(Self.read("password: a\npassword_file: /etc/pw\n").errors
            == ["s.yml:2:16: password_file: expected at most one of password and password_file, found both"])
        #expect(Self.read("password_file: ''\n").errors == ["s.yml:1:16: password_file: expected a file path, found an empty string"])
        #expect(Self.read("password: {a: b}\n").errors == ["s.yml:1:11: password: expected a string, found a mapping"])
    }
}
