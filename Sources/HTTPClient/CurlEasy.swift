import CCurl
import CCurlShim

/// One blocking libcurl easy transfer, run start to finish on the calling thread.
///
/// `CurlHTTPClient` calls it on a worker thread of its own, so the blocking
/// curl_easy_perform never occupies a Swift concurrency executor.
enum CurlEasy {
    /// Performs `request`, returning the response or the error.
    static func perform(_ request: HTTPRequest, cancellation: CancellationFlag) -> Result<HTTPResponse, HTTPClientError> {
        let redacted = RedactedURL(request.url)
        let label = "\(request.method.rawValue) \(redacted.origin)"
        func failure(_ kind: HTTPClientError.Kind, _ code: Int, _ text: String) -> Result<HTTPResponse, HTTPClientError> {
            .failure(HTTPClientError(kind: kind, code: code, message: "\(label): \(redacted.scrub(text))"))
        }

        guard redacted.scheme == "http" || redacted.scheme == "https" else {
            return failure(.invalidRequest, 0, "only absolute http:// and https:// URLs are supported")
        }
        for field in request.headers where field.name.isEmpty || hasLineBreak(field.name) || hasLineBreak(field.value) {
            // The value may be a credential (Authorization): name only.
            return failure(.invalidRequest, 0, "header \"\(field.name)\" has an empty name or contains CR/LF")
        }
        guard CurlGlobal.isReady else {
            return failure(.transport, Int(CurlGlobal.initCode.rawValue), "curl_global_init failed")
        }
        if cancellation.isCancelled {
            return failure(.cancelled, Int(CURLE_ABORTED_BY_CALLBACK.rawValue), "cancelled before the transfer started")
        }
        guard let handle = curl_easy_init() else {
            return failure(.transport, 0, "curl_easy_init failed")
        }
        defer { curl_easy_cleanup(handle) }

        let state = TransferState(cancellation: cancellation, maxBodyBytes: request.maxResponseBytes)
        let context = Unmanaged.passRetained(state)
        defer { context.release() }
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        defer { errorBuffer.deallocate() }
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }

        for field in request.headers {
            headerList = curl_slist_append(headerList, "\(field.name): \(field.value)")
        }
        // libcurl sends `Expect: 100-continue` for larger bodies and then waits up to
        // 1s for the interim answer many receivers never send; an empty value removes it.
        if request.headers["Expect"] == nil {
            headerList = curl_slist_append(headerList, "Expect:")
        }

        // `server_name`: the certificate is checked against (and SNI names) another host than
        // the URL's, while the connection still goes where the URL says (CONNECT_TO).
        let target = request.serverName.flatMap { ServerNameOverride(url: request.url, serverName: $0) }
        if let target, request.headers["Host"] == nil {
            headerList = curl_slist_append(headerList, "Host: \(target.hostHeader)")
        }
        var connectTo: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(connectTo) }
        if let target { connectTo = curl_slist_append(connectTo, target.connectTo) }

        var setup = CurlOptions(handle: handle)
        setup.long(CURLOPT_NOSIGNAL, 1)  // required when several threads use libcurl
        setup.string(CURLOPT_URL, target?.url ?? request.url)
        if let connectTo { setup.pointer(CURLOPT_CONNECT_TO, UnsafeMutableRawPointer(connectTo)) }
        setup.string(CURLOPT_PROTOCOLS_STR, "http,https")
        setup.string(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        setup.long(CURLOPT_FOLLOWLOCATION, request.followRedirects ? 1 : 0)
        setup.long(CURLOPT_MAXREDIRS, request.maxRedirects)
        setup.long(CURLOPT_CONNECTTIMEOUT_MS, milliseconds(request.connectTimeout))
        setup.long(CURLOPT_TIMEOUT_MS, milliseconds(request.timeout))
        setup.long(CURLOPT_SSL_VERIFYPEER, request.insecureSkipVerify ? 0 : 1)
        setup.long(CURLOPT_SSL_VERIFYHOST, request.insecureSkipVerify ? 0 : 2)
        if let caFile = request.caFile { setup.string(CURLOPT_CAINFO, caFile) }
        if let certificate = request.clientCertificateFile { setup.string(CURLOPT_SSLCERT, certificate) }
        if let key = request.clientKeyFile { setup.string(CURLOPT_SSLKEY, key) }
        // Without an explicit proxy CURLOPT_PROXY stays unset, so libcurl honours
        // http_proxy/https_proxy/no_proxy; https targets go through it with CONNECT.
        if let proxy = request.proxyURL { setup.string(CURLOPT_PROXY, proxy) }
        setup.string(CURLOPT_ACCEPT_ENCODING, "")  // every encoding libcurl can decode
        setup.pointer(CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer))
        setup.pointer(CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(headerList))
        setup.callbacks(context: context.toOpaque())
        setup.method(request)

        if let failed = setup.firstError {
            return failure(.invalidRequest, Int(failed.rawValue), "unsupported option: \(text(of: failed))")
        }

        let code = curl_easy_perform(handle)
        if code != CURLE_OK {
            let detail = errorBuffer[0] != 0 ? String(cString: errorBuffer) : text(of: code)
            if code == CURLE_ABORTED_BY_CALLBACK && cancellation.isCancelled {
                return failure(.cancelled, Int(code.rawValue), "cancelled")
            }
            if code == CURLE_WRITE_ERROR && state.overflowed {
                return failure(.responseTooLarge, Int(code.rawValue),
                               "response body larger than \(request.maxResponseBytes) bytes")
            }
            return failure(kind(of: code), Int(code.rawValue), detail)
        }
        var status = 0
        _ = CCurlShim_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return .success(HTTPResponse(status: status, headers: state.headers, body: state.body))
    }

    /// Maps a CURLcode to the error kind callers act on.
    static func kind(of code: CURLcode) -> HTTPClientError.Kind {
        switch code {
        case CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT:
            return .connectFailed
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
             CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR,
             CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE,
             CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_USE_SSL_FAILED:
            return .tls
        case CURLE_TOO_MANY_REDIRECTS:
            return .tooManyRedirects
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL, CURLE_BAD_FUNCTION_ARGUMENT:
            return .invalidRequest
        default:
            return .transport
        }
    }

    /// libcurl's text for `code`.
    static func text(of code: CURLcode) -> String {
        curl_easy_strerror(code).map { String(cString: $0) } ?? "CURLcode \(code.rawValue)"
    }

    private static func hasLineBreak(_ text: String) -> Bool {
        text.contains { $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
    }

    /// Whole milliseconds, at least 1: libcurl reads 0 as "no timeout".
    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        let total = seconds.multipliedReportingOverflow(by: 1000)
        guard !total.overflow else { return Int.max }
        return max(1, Int(clamping: total.partialValue + attoseconds / 1_000_000_000_000_000))
    }
}
