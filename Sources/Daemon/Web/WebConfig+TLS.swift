import Model
import NIOCore
import NIOSSL

/// A TLS server context built from `tls_server_config`, with the certificate check the
/// client auth type asks for.
struct TLSServerContext: Sendable {
    let context: NIOSSLContext
    /// Whether any client certificate is accepted (RequestClientCert, RequireAnyClientCert: asked for,
    /// not verified, as Go's crypto/tls); nil: BoringSSL verifies against the client CA.
    let acceptsAnyClientCertificate: Bool

    /// Loads the certificate, key and client CA files.
    /// - Throws: which file could not be used and why (no key material in the message).
    init(_ tls: WebConfig.TLSServer, configFile: String) throws(ConfigErrors) {
        func failure(_ key: String, _ file: String, _ error: any Error) -> ConfigErrors {
            ConfigErrors([ConfigError(
                location: SourceLocation(file: configFile, line: 0, column: 0), keyPath: "tls_server_config.\(key)",
                expected: "a readable PEM file", found: "\(file): \(error)")])
        }
        let chain: [NIOSSLCertificate]
        do { chain = try NIOSSLCertificate.fromPEMFile(tls.certFile) } catch { throw failure("cert_file", tls.certFile, error) }
        let key: NIOSSLPrivateKey
        do { key = try NIOSSLPrivateKey(file: tls.keyFile, format: .pem) } catch { throw failure("key_file", tls.keyFile, error) }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = Self.version(tls.minVersion)
        configuration.maximumTLSVersion = tls.maxVersion.map(Self.version)
        if !tls.cipherSuites.isEmpty {
            configuration.cipherSuiteValues = tls.cipherSuites.compactMap { WebConfig.cipherSuites[$0].map(NIOTLSCipher.init(rawValue:)) }
        }
        if let ca = tls.clientCAFile {
            do { _ = try NIOSSLCertificate.fromPEMFile(ca) } catch { throw failure("client_ca_file", ca, error) }
            configuration.trustRoots = .file(ca)
            configuration.sendCANameList = true
        }
        var acceptsAny = false
        switch tls.clientAuth {
        case .none: configuration.certificateVerification = .none
        case .verifyIfGiven: configuration.certificateVerification = .optionalVerification
        case .requireAndVerify: configuration.certificateVerification = .noHostnameVerification
        case .request:
            configuration.certificateVerification = .optionalVerification
            acceptsAny = true
        case .requireAny:
            configuration.certificateVerification = .noHostnameVerification
            acceptsAny = true
        }
        do { context = try NIOSSLContext(configuration: configuration) } catch { throw failure("cert_file", tls.certFile, error) }
        acceptsAnyClientCertificate = acceptsAny
    }

    static func version(_ version: WebConfig.TLSVersion) -> TLSVersion {
        switch version {
        case .tls10: .tlsv1
        case .tls11: .tlsv11
        case .tls12: .tlsv12
        case .tls13: .tlsv13
        }
    }
}

extension TLSServerContext {
    /// The handler for one new connection.
    func makeHandler() -> NIOSSLServerHandler {
        guard acceptsAnyClientCertificate else { return NIOSSLServerHandler(context: context) }
        return NIOSSLServerHandler(context: context, customVerificationCallback: { _, promise in promise.succeed(.certificateVerified) })
    }
}
