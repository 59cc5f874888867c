import CCurl
import CCurlShim

/// Applies options to an easy handle, keeping the first failure instead of
/// checking each call (a failed option means the request cannot be sent as asked).
struct CurlOptions {
    let handle: UnsafeMutableRawPointer
    private(set) var firstError: CURLcode?

    init(handle: UnsafeMutableRawPointer) {
        self.handle = handle
    }

    private mutating func record(_ code: CURLcode) {
        if code != CURLE_OK && firstError == nil { firstError = code }
    }

    mutating func long(_ option: CURLoption, _ value: Int) {
        record(CCurlShim_setopt_long(handle, option, value))
    }

    /// libcurl copies string options (since 7.17), so the temporary C string suffices.
    mutating func string(_ option: CURLoption, _ value: String) {
        record(CCurlShim_setopt_string(handle, option, value))
    }

    mutating func pointer(_ option: CURLoption, _ value: UnsafeMutableRawPointer?) {
        record(CCurlShim_setopt_pointer(handle, option, value))
    }

    mutating func offset(_ option: CURLoption, _ value: Int) {
        record(CCurlShim_setopt_off_t(handle, option, curl_off_t(value)))
    }

    /// Sets the method and body. The body is copied into libcurl (COPYPOSTFIELDS),
    /// so it need not outlive this call.
    mutating func method(_ request: HTTPRequest) {
        switch request.method {
        case .get where request.body.isEmpty:
            long(CURLOPT_HTTPGET, 1)
        case .head:
            long(CURLOPT_NOBODY, 1)
        default:
            long(CURLOPT_POST, 1)
            offset(CURLOPT_POSTFIELDSIZE_LARGE, request.body.count)
            if request.body.isEmpty {
                string(CURLOPT_COPYPOSTFIELDS, "")
            } else {
                let code = request.body.withUnsafeBytes { bytes in
                    CCurlShim_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
                }
                record(code)
            }
            if request.method != .post {
                string(CURLOPT_CUSTOMREQUEST, request.method.rawValue)
            }
        }
    }

    /// Installs the body, header and progress callbacks with `context` (an unretained
    /// `TransferState`) as their user pointer.
    mutating func callbacks(context: UnsafeMutableRawPointer) {
        let write: curl_write_callback = { data, size, count, user in
            guard let user else { return 0 }
            let state = Unmanaged<TransferState>.fromOpaque(user).takeUnretainedValue()
            let length = size * count
            guard length > 0, let data else { return length }
            // Returning fewer bytes than given makes libcurl stop with CURLE_WRITE_ERROR.
            return state.appendBody(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
        }
        let header: curl_write_callback = { data, size, count, user in
            guard let user else { return 0 }
            let state = Unmanaged<TransferState>.fromOpaque(user).takeUnretainedValue()
            let length = size * count
            guard length > 0, let data else { return length }
            state.appendHeaderLine(UnsafeRawBufferPointer(start: data, count: length))
            return length
        }
        // Called at least about once a second even while waiting, so a cancelled task
        // aborts its transfer within that time (non-zero = CURLE_ABORTED_BY_CALLBACK).
        let progress: curl_xferinfo_callback = { user, _, _, _, _ in
            guard let user else { return 0 }
            let state = Unmanaged<TransferState>.fromOpaque(user).takeUnretainedValue()
            return state.cancellation.isCancelled ? 1 : 0
        }
        pointer(CURLOPT_WRITEFUNCTION, unsafeBitCast(write, to: UnsafeMutableRawPointer.self))
        pointer(CURLOPT_WRITEDATA, context)
        pointer(CURLOPT_HEADERFUNCTION, unsafeBitCast(header, to: UnsafeMutableRawPointer.self))
        pointer(CURLOPT_HEADERDATA, context)
        pointer(CURLOPT_XFERINFOFUNCTION, unsafeBitCast(progress, to: UnsafeMutableRawPointer.self))
        pointer(CURLOPT_XFERINFODATA, context)
        long(CURLOPT_NOPROGRESS, 0)
    }
}
