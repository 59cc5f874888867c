@testable import Daemon
import Foundation
import Testing
import Yams

/// `nats_configs` in `config.original` of the Alertmanager API: the password and the token
/// are `<secret>`, like every secret; the server URL (which may hold no credentials), the
/// subject and the user stay.
@Suite struct RedactedNATSConfigTests {
    @Test func passwordAndTokenAreHidden() throws {
        let section = """
            route: {receiver: bus}
            receivers:
              - name: bus
                nats_configs:
                  - url: nats://bus-1:4222
                    subject: agog.alerts.binwatch
                    user: wms
                    password: inline-nats-password
                  - url: nats://bus-2:4222
                    subject: agog.alerts.binwatch
                    token: inline-nats-token
                    jetstream: true
            """
        let node = try #require(try Yams.compose(yaml: section))
        let text = RedactedAlertingConfig.text(of: node)
        #expect(!text.contains("inline-nats-password") && !text.contains("inline-nats-token"), "\(text)")
        #expect(text.components(separatedBy: "<secret>").count - 1 == 2, "\(text)")
        for kept in ["url: nats://bus-1:4222", "subject: agog.alerts.binwatch", "user: wms", "jetstream: true"] {
            #expect(text.contains(kept), "\(kept) missing:\n\(text)")
        }
    }
}
