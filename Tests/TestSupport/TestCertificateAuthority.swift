public import Foundation

/// A throwaway CA made with the openssl CLI, and certificates it signs: a server
/// certificate for chosen names and a client certificate, for the tls_config tests
/// (HTTP receivers and the email receiver).
public struct TestCertificateAuthority {
    /// The directory holding every file made.
    public let directory: URL
    /// The CA certificate (PEM).
    public var caCertificate: String { path("ca.pem") }

    /// A file in `directory`.
    public func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Makes the CA (EC P-256, valid one day).
    /// - Throws: when openssl fails.
    public init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-ca-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Self.openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
                          "-subj", "/CN=binwatch test CA", "-keyout", path("ca-key.pem"), "-out", path("ca.pem")])
    }

    /// Issues `name`.pem / `name`-key.pem for `subject` with the given subjectAltName.
    /// - Throws: when openssl fails.
    public func issue(_ name: String, subject: String, altNames: String?) throws -> (certificate: String, key: String) {
        try Self.openssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                          "-subj", subject, "-keyout", path("\(name)-key.pem"), "-out", path("\(name).csr")])
        var sign = ["x509", "-req", "-in", path("\(name).csr"), "-CA", path("ca.pem"), "-CAkey", path("ca-key.pem"),
                    "-CAcreateserial", "-days", "1", "-out", path("\(name).pem")]
        if let altNames {
            try "subjectAltName=\(altNames)\n".write(toFile: path("\(name).ext"), atomically: true, encoding: .utf8)
            sign += ["-extfile", path("\(name).ext")]
        }
        try Self.openssl(sign)
        return (path("\(name).pem"), path("\(name)-key.pem"))
    }

    /// Removes every file made.
    public func remove() { try? FileManager.default.removeItem(at: directory) }

    private static func openssl(_ arguments: [String]) throws {
        let result = try ChildProcess.run(["openssl"] + arguments, timeout: .seconds(60))
        guard result.status == 0 else { throw ChildProcessError(message: "openssl \(arguments[0]) failed: \(result.stderr)") }
    }
}
