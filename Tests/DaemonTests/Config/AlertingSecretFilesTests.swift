import Daemon
import Foundation
import Model
import Notify
import Testing

/// `*_file` secrets under `alerting:`: `binwatch check config` leaves them unopened (as
/// amtool does), the daemon reads them at load and at every reload, relative to the
/// config's folder, and a file it cannot read is an error naming the field and the file.
@Suite struct AlertingSecretFilesTests {
    static let config = """
        global: {evaluation_interval: 30s}
        alerting:
          route: {receiver: pd}
          receivers:
            - name: pd
              pagerduty_configs: [{routing_key_file: secrets/pd.key}]
        """
    static let key = "0123456789abcdef0123456789abcdef"

    static func missing(_ ws: Workspace) -> String {
        "\(ws.path("binwatch.yml")):6:46: alerting.receivers[0].pagerduty_configs[0].routing_key_file: "
            + "expected a readable file, found \"secrets/pd.key\", which cannot be read"
    }

    @Test func checkingLeavesThemUnopenedWhileLoadingReadsThem() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write("binwatch.yml", Self.config)
        let checked = try ConfigLoader(environment: [:], readsSecretFiles: false).load(path: ws.path("binwatch.yml"))
        #expect(checked.config.notify?.receivers.first?.pagerduty.count == 1)
        #expect {
            _ = try ConfigLoader(environment: [:]).load(path: ws.path("binwatch.yml"))
        } throws: { error in
            (error as? ConfigLoadErrors)?.configErrors.map(\.description) == [Self.missing(ws)]
        }
        try FileManager.default.createDirectory(atPath: ws.path("secrets"), withIntermediateDirectories: true)
        try ws.write("secrets/pd.key", Self.key + "\n")
        let loaded = try ConfigLoader(environment: [:]).load(path: ws.path("binwatch.yml"))
        #expect(loaded.config.notify?.receivers.first?.pagerduty.first?.routingKey.reveal() == Self.key)
    }

    @Test func aReloadThatCannotReadOneIsRejected() async throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write("binwatch.yml", Self.config)
        try FileManager.default.createDirectory(atPath: ws.path("secrets"), withIntermediateDirectories: true)
        try ws.write("secrets/pd.key", Self.key)
        let loader = ConfigLoader(environment: [:])
        let scheduler = Scheduler(try loader.load(path: ws.path("binwatch.yml")), clock: ManualClock(t0), timeoutClock: PatientClock())
        try FileManager.default.removeItem(atPath: ws.path("secrets/pd.key"))
        let rejected = await scheduler.reload(using: loader)
        #expect(rejected?.configErrors.map(\.description) == [Self.missing(ws)])
        try ws.write("secrets/pd.key", Self.key)
        #expect(await scheduler.reload(using: loader) == nil)
    }
}
