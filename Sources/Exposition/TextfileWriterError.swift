/// Why `TextfileWriter` could not replace the file: which step failed, on which path, and the
/// system error. Every failure before the rename leaves the previous file untouched.
public struct TextfileWriterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The step that failed.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String
        /// The families could not be encoded (nothing was written).
        public static let encoding = Code(name: "encoding")
        /// The temporary file could not be created in the target's directory.
        public static let createTemporaryFile = Code(name: "create temporary file")
        /// Setting mode 0644 on the temporary file failed.
        public static let setPermissions = Code(name: "set permissions")
        /// Writing the contents failed (e.g. ENOSPC, EFBIG).
        public static let write = Code(name: "write")
        /// `fsync` of the temporary file failed.
        public static let syncFile = Code(name: "fsync file")
        /// Renaming the temporary file over the target failed.
        public static let rename = Code(name: "rename")
        /// The new file is in place but `fsync` of the directory failed, so the rename may
        /// not survive a power loss.
        public static let syncDirectory = Code(name: "fsync directory")
        public var description: String { name }
    }

    public var code: Code
    /// The path the failing step worked on.
    public var path: String
    /// `errno` of the failing call, when it was a system call.
    public var errno: Int32?
    /// What went wrong, in words.
    public var message: String

    public init(code: Code, path: String, errno: Int32? = nil, message: String) {
        self.code = code
        self.path = path
        self.errno = errno
        self.message = message
    }

    /// `textfile write: <path>: <message>`
    public var description: String { "textfile \(code): \(path): \(message)" }
}
