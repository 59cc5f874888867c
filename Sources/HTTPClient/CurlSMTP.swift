import CCurl
import CCurlShim

/// One blocking libcurl SMTP session, run start to finish on the calling thread (`CurlSMTPClient`
/// runs it on a thread of its own). libcurl speaks the protocol: EHLO with the URL's path as
/// the name, STARTTLS when `CURLOPT_USE_SSL` asks for it (and fails with CURLE_USE_SSL_FAILED
/// when the server refuses it), AUTH with the allowed SASL mechanisms it also advertises, MAIL,
/// RCPT per recipient, DATA with dot-stuffing, QUIT.
enum CurlSMTP {
    /// Sends `request`'s message, returning nothing or the error.
    static func perform(_ request: SMTPRequest, cancellation: CancellationFlag) -> Result<Void, HTTPClientError> {
        let label = request.description
        func failure(_ kind: HTTPClientError.Kind, _ code: Int, _ text: String) -> Result<Void, HTTPClientError> {
            .failure(HTTPClientError(kind: kind, code: code, message: "\(label): \(text)"))
        }
        let addresses = [request.from] + request.recipients + [request.hello, request.host]
        let hasLineBreak = { (text: String) in text.contains { $0 == "\r" || $0 == "\n" || $0 == "\r\n" } }
        if addresses.contains(where: hasLineBreak) {
            return failure(.invalidRequest, 0, "an address, the host or the EHLO name contains CR/LF")
        }
        guard !request.recipients.isEmpty else { return failure(.invalidRequest, 0, "no recipient") }
        guard CurlGlobal.isReady else {
            return failure(.transport, Int(CurlGlobal.initCode.rawValue), "curl_global_init failed")
        }
        if cancellation.isCancelled {
            return failure(.cancelled, Int(CURLE_ABORTED_BY_CALLBACK.rawValue), "cancelled before the session started")
        }
        guard let handle = curl_easy_init() else { return failure(.transport, 0, "curl_easy_init failed") }
        defer { curl_easy_cleanup(handle) }

        let state = TransferState(cancellation: cancellation, maxBodyBytes: 1 << 20)
        let context = Unmanaged.passRetained(state)
        defer { context.release() }
        let upload = Unmanaged.passRetained(UploadState(request.message))
        defer { upload.release() }
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        defer { errorBuffer.deallocate() }
        var recipients: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(recipients) }
        for recipient in request.recipients { recipients = curl_slist_append(recipients, "<\(recipient)>") }

        let target = request.serverName.flatMap { ServerNameOverride(url: request.url, serverName: $0) }
        var connectTo: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(connectTo) }
        if let target { connectTo = curl_slist_append(connectTo, target.connectTo) }

        var setup = CurlOptions(handle: handle)
        setup.long(CURLOPT_NOSIGNAL, 1)
        setup.string(CURLOPT_URL, target?.url ?? request.url)
        if let connectTo { setup.pointer(CURLOPT_CONNECT_TO, UnsafeMutableRawPointer(connectTo)) }
        setup.string(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        setup.long(CURLOPT_USE_SSL, Int((request.requireSTARTTLS ? CURLUSESSL_ALL : CURLUSESSL_NONE).rawValue))
        setup.long(CURLOPT_CONNECTTIMEOUT_MS, CurlEasy.milliseconds(request.connectTimeout))
        setup.long(CURLOPT_TIMEOUT_MS, CurlEasy.milliseconds(request.timeout))
        setup.long(CURLOPT_SSL_VERIFYPEER, request.insecureSkipVerify ? 0 : 1)
        setup.long(CURLOPT_SSL_VERIFYHOST, request.insecureSkipVerify ? 0 : 2)
        if let caFile = request.caFile { setup.string(CURLOPT_CAINFO, caFile) }
        if let certificate = request.clientCertificateFile { setup.string(CURLOPT_SSLCERT, certificate) }
        if let key = request.clientKeyFile { setup.string(CURLOPT_SSLKEY, key) }
        if let username = request.username, !username.isEmpty {
            setup.string(CURLOPT_USERNAME, username)
            setup.string(CURLOPT_PASSWORD, request.password ?? "")
            if !request.mechanisms.isEmpty {
                setup.string(CURLOPT_LOGIN_OPTIONS, request.mechanisms.map { "AUTH=\($0)" }.joined(separator: ";"))
            }
            if let identity = request.authorizationIdentity, !identity.isEmpty {
                setup.string(CURLOPT_SASL_AUTHZID, identity)
            }
        }
        setup.string(CURLOPT_MAIL_FROM, "<\(request.from)>")
        setup.pointer(CURLOPT_MAIL_RCPT, UnsafeMutableRawPointer(recipients))
        setup.long(CURLOPT_UPLOAD, 1)
        setup.offset(CURLOPT_INFILESIZE_LARGE, request.message.count)
        let read: curl_read_callback = { buffer, size, count, user in
            guard let user, let buffer else { return 0 }
            let upload = Unmanaged<UploadState>.fromOpaque(user).takeUnretainedValue()
            return upload.read(into: buffer, capacity: size * count)
        }
        setup.pointer(CURLOPT_READFUNCTION, unsafeBitCast(read, to: UnsafeMutableRawPointer.self))
        setup.pointer(CURLOPT_READDATA, upload.toOpaque())
        setup.pointer(CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer))
        setup.callbacks(context: context.toOpaque())
        if let failed = setup.firstError {
            return failure(.invalidRequest, Int(failed.rawValue), "unsupported option: \(CurlEasy.text(of: failed))")
        }

        let code = curl_easy_perform(handle)
        guard code != CURLE_OK else { return .success(()) }
        let detail = errorBuffer[0] != 0 ? String(cString: errorBuffer) : CurlEasy.text(of: code)
        if code == CURLE_ABORTED_BY_CALLBACK && cancellation.isCancelled {
            return failure(.cancelled, Int(code.rawValue), "cancelled")
        }
        if code == CURLE_USE_SSL_FAILED {
            return failure(.tls, Int(code.rawValue), "STARTTLS is required (require_tls) but the server refused it: \(detail)")
        }
        if code == CURLE_LOGIN_DENIED {
            return failure(.transport, Int(code.rawValue), "authentication failed: \(detail)")
        }
        return failure(CurlEasy.kind(of: code), Int(code.rawValue), detail)
    }
}

/// The message libcurl's read callback hands out in pieces; only the session's thread touches it.
final class UploadState {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Copies the next at most `capacity` bytes into `buffer`; 0 at the end.
    func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
        let count = min(capacity, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return }
            UnsafeMutableRawPointer(buffer).copyMemory(from: base + offset, byteCount: count)
        }
        offset += count
        return count
    }
}
