import ConfigYAML
import Testing

/// `${NAME}` expansion, one implementation for every module: `$$` is a literal `$`, a lone
/// `$` stays as written (regexes), unset and unterminated references are errors.
@Suite struct EnvironmentExpansionTests {
    @Test(arguments: [
        ("${A}", "1"), ("x${A}y${B}z", "x1y2z"), ("pa$$w$rd", "pa$w$rd"), ("$A", "$A"), ("foo$", "foo$"), ("", ""),
    ])
    func expands(text: String, expected: String) {
        #expect(EnvironmentExpansion.expand(text, environment: ["A": "1", "B": "2"]) == .success(expected))
    }

    @Test func unsetAndUnterminatedAreErrors() {
        #expect(EnvironmentExpansion.expand("${MISSING}", environment: [:]) == .failure(.undefined("MISSING")))
        #expect(EnvironmentExpansion.expand("${A", environment: ["A": "1"]) == .failure(.unterminated))
    }
}
