import Foundation
import Testing

/// `binwatch config routes [show|test]` against the real `amtool config routes` (0.25) on the
/// same alertmanager.yml: stdout byte for byte and the exit code, for every route of a
/// nested tree (continue, match, match_re, matchers, the default route), `--tree`,
/// `--verify.receivers` and label arguments amtool accepts or refuses.
@Suite struct AmtoolRoutesTests {

    /// A warehouse's routing: storage alerts fan out (continue) to Slack and then to a pager
    /// or a bins receiver below, and also reach a webhook; putaway/picking go to ops with a
    /// continuing pager; anything else takes the default route.
    static let config = #"""
        global:
          resolve_timeout: 5m
        route:
          receiver: default-pager
          group_by: [alertname, warehouse]
          routes:
            - matchers: ['team="storage"']
              receiver: storage-slack
              continue: true
              routes:
                - match:
                    severity: critical
                  receiver: storage-pager
                - match_re:
                    bin: "A-.*|B-1"
                  receiver: storage-bins
            - match:
                team: storage
              receiver: storage-webhook
            - matchers: ['service=~"putaway|picking"', 'env!="dev"']
              receiver: ops-slack
              routes:
                - matchers: ['severity="critical"']
                  receiver: ops-pager
                  continue: true
                - matchers: ['severity=~"critical|warning"']
                  receiver: ops-webhook
            - matchers: ['quote="a \"b\" c"', 'zone="north"']
              receiver: ops-webhook
              group_wait: 10s
            - matchers: ["aisle=\"7\tb\\\\c\""]
              receiver: storage-bins
        receivers:
          - name: default-pager
          - name: storage-slack
          - name: storage-pager
          - name: storage-bins
          - name: storage-webhook
          - name: ops-slack
          - name: ops-pager
          - name: ops-webhook
        """#

    /// Label arguments for each route of the tree and the ways amtool reads (or refuses) them.
    static let labelCases: [[String]] = [
        [],
        ["alertname=DiskFull"],
        ["team=storage"],
        ["team=storage", "severity=critical"],
        ["team=storage", "bin=B-1"],
        ["team=storage", "bin=A-7", "severity=critical"],
        ["team=storage", "bin=B-12"],
        ["aisle=\"7\tb\\\\c\""],
        ["service=putaway"],
        ["service=picking", "env=dev", "severity=critical"],
        ["service=picking", "severity=critical"],
        ["service=putaway", "severity=warning"],
        [#"quote=a "b" c"#, "zone=north"],
        [#"quote="a \"b\" c""#, #"zone="north""#],
        ["team=other", "team=storage"],
        ["  team = storage  "],
        ["team="],
        ["team=~storage"],
        ["team!=storage"],
        [#"{team="storage"}"#],
        ["team"],
        ["1team=x"],
        [#"team="sto"rage""#],
    ]

    func workspace() throws -> String {
        let dir = NSTemporaryDirectory() + "binwatch-amroutes-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Self.config.write(toFile: dir + "/alertmanager.yml", atomically: true, encoding: .utf8)
        return dir
    }

    @discardableResult
    func expectSame(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws
        -> BinwatchProcess.Result
    {
        try await AmtoolComparison.expectSame(arguments, sourceLocation: sourceLocation)
    }

    @Test func showPrintsTheTreeAsAmtool() async throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/alertmanager.yml"
        let result = try await expectSame(["config", "routes", "--config.file", file])
        #expect(result.stdout.contains("├── {team=\"storage\"}  continue: true  receiver: storage-slack\n"))
        #expect(result.stdout.contains("{bin=~\"^(?:A-.*|B-1)$\"}  receiver: storage-bins"))
        try await expectSame(["config", "routes", "show", "--config.file=\(file)"])
    }

    @Test(arguments: labelCases)
    func testResolvesTheReceiversAmtoolResolves(_ labels: [String]) async throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/alertmanager.yml"
        try await expectSame(["config", "routes", "test", "--config.file", file] + labels)
        try await expectSame(["config", "routes", "test", "--tree", "--config.file", file] + labels)
    }

    @Test func verifyReceiversPassesAndFailsAsAmtool() async throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/alertmanager.yml"
        let pass = try await expectSame(
            ["config", "routes", "test", "--config.file", file, "--verify.receivers=storage-pager,storage-webhook",
             "team=storage", "severity=critical"])
        #expect(pass.status == 0)
        #expect(pass.stdout == "storage-pager,storage-webhook\n")
        let fail = try await expectSame(
            ["config", "routes", "test", "--config.file", file, "--verify.receivers", "storage-webhook", "team=storage"])
        #expect(fail.status == 1)
        #expect(fail.stdout == "storage-slack,storage-webhook\nWARNING: Expected receivers did not match resolved receivers.\n")
        // amtool's --config.file belongs to `routes`, so it may come before `test`.
        let before = try await expectSame(["config", "routes", "--config.file", file, "test", "service=putaway", "severity=critical"])
        #expect(before.stdout == "ops-pager,ops-webhook\n")
    }

    @Test func badInputFailsAsAmtool() async throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "route: {receiver: nobody}\nreceivers: [{name: somebody}]\n"
            .write(toFile: dir + "/bad.yml", atomically: true, encoding: .utf8)
        let missing = try await expectSame(["config", "routes", "test", "--config.file", dir + "/none.yml", "a=b"])
        #expect(missing.stderr == "binwatch: error: path '\(dir)/none.yml' does not exist\n\n")
        let bad = try await expectSame(["config", "routes", "--config.file", dir + "/bad.yml"])
        #expect(bad.stderr.contains("bad.yml:1:"), "\(bad.stderr)")
        #expect(bad.stderr.contains("undefined receiver \"nobody\""), "\(bad.stderr)")
        let label = try await expectSame(["config", "routes", "test", "--config.file", dir + "/alertmanager.yml", "team=~x"])
        #expect(label.stderr == "binwatch: error: Failed to parse labels: labels must be specified as key=value pairs\n\n")
    }
}
