import Foundation
import Model
import Testing

@Suite struct SecretTests {
    @Test func neverPrintsItsValue() throws {
        let secret = Secret("https://hooks.slack.com/services/T0/B0/XYZ")
        #expect("\(secret)" == "<secret>")
        #expect(String(reflecting: secret) == "<secret>")
        let json = String(decoding: try JSONEncoder().encode(["url": secret]), as: UTF8.self)
        #expect(json == #"{"url":"<secret>"}"#)
        #expect(secret.reveal().hasSuffix("XYZ"))
    }
}
