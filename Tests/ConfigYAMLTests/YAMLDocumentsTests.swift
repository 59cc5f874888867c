import ConfigYAML
import Model
import Testing
import Yams

/// The YAML layer every module decodes through: merge keys as go-yaml folds them,
/// multi-document files, syntax errors with positions.
@Suite struct YAMLDocumentsTests {
    static func pairs(_ node: Node?) -> [String: String] {
        var out: [String: String] = [:]
        for (key, value) in node?.mapping ?? [:] { out[key.string ?? "?"] = value.string ?? "<\(value)>" }
        return out
    }

    @Test func mergeKeyFoldsTheAnchoredMappingAndWrittenKeysWin() throws {
        let text = """
            base: &base {for: 5m, severity: page}
            rule:
              <<: *base
              severity: ticket
              alert: A
            """
        let root = try #require(try YAMLDocuments.compose(text).first)
        let rule = root.mapping?["rule"]
        #expect(Self.pairs(rule) == ["for": "5m", "severity": "ticket", "alert": "A"])
        // Each key once: the merged `severity` is dropped, not repeated.
        #expect(rule?.mapping?.count == 3)
        // A merged value keeps the anchored node's position (line 1), for errors.
        let forNode = try #require(rule?.mapping?["for"])
        #expect(forNode.mark?.line == 1)
    }

    @Test func mergeListEarlierMappingsWinAndNestedMergesResolve() throws {
        let text = """
            a: &a {x: from-a}
            b: &b {x: from-b, y: from-b, <<: {z: from-nested}}
            c:
              <<: [*a, *b]
            """
        let root = try #require(try YAMLDocuments.compose(text).first)
        #expect(Self.pairs(root.mapping?["c"]) == ["x": "from-a", "y": "from-b", "z": "from-nested"])
        #expect(Self.pairs(root.mapping?["b"]) == ["x": "from-b", "y": "from-b", "z": "from-nested"])
    }

    @Test func mergeOfAScalarStaysForTheReaderToReport() throws {
        let root = try #require(try YAMLDocuments.compose("m: {<<: 3, k: v}").first)
        #expect(root.mapping?["m"]?.mapping?.keys.compactMap(\.string) == ["<<", "k"])
    }

    @Test func everyDocumentIsReturnedAndFirstCountsTheOthers() throws {
        let text = "a: 1\n---\nb: 2\n---\n---\nc: 3\n"
        #expect(try YAMLDocuments.compose(text).count == 4)
        let (first, ignored) = try YAMLDocuments.first(text)
        #expect(Self.pairs(first) == ["a": "1"])
        #expect(ignored == 2, "the empty document in between is not counted")
        #expect(try YAMLDocuments.first("").document == nil)
    }

    @Test func syntaxErrorsCarryLineAndColumnWithoutTheText() {
        #expect {
            _ = try YAMLDocuments.compose("a: 1\nb: [unclosed, hunter2\n")
        } throws: { error in
            guard let error = error as? YAMLSyntaxError else { return false }
            return error.line == 3 && !error.problem.isEmpty && !error.description.contains("hunter2")
        }
        #expect {
            _ = try YAMLDocuments.compose("k: 1\nk: 2\n")
        } throws: { error in
            (error as? YAMLSyntaxError)?.problem == "duplicate key \"k\""
        }
    }

    @Test func nullsAreReadAsGoYAMLReadsThem() throws {
        let root = try #require(try YAMLDocuments.compose("a:\nb: ~\nc: null\nd: ''\ne: 'null'\n").first)
        let nulls = (root.mapping ?? [:]).filter { $0.value.isYAMLNull }.compactMap { $0.key.string }
        #expect(nulls == ["a", "b", "c"])
    }
}
