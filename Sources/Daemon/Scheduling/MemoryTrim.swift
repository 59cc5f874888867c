#if canImport(Glibc)
    import Glibc
#endif

/// Hands the memory glibc's allocator holds free back to the system after each cycle.
///
/// A cycle allocates and frees a few MiB from several threads (libpq's queues, the
/// cooperative pool, the HTTP server), so glibc keeps about ten arenas whose freed chunks
/// stay resident: in the daemon benchmark about 10 of the 22 MiB the arenas held were free
/// (Benchmarks/daemon/README.md). `malloc_trim(0)` releases those pages (it also returns
/// free pages in the middle of an arena, not only at its top), which keeps RSS close to
/// what is in use; it takes well under a millisecond at this size.
enum MemoryTrim {
    #if canImport(Glibc)
        private typealias Trim = @convention(c) (Int) -> Int32
        /// `malloc_trim` from <malloc.h>, which Swift's Glibc module does not declare; nil on
        /// a C library without it (musl).
        private static let trim: Trim? = {
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
            return unsafeBitCast(symbol, to: Trim.self)
        }()
    #endif

    /// Releases free heap pages to the system (a no-op where glibc's `malloc_trim` is absent).
    static func releaseFreeMemory() {
        #if canImport(Glibc)
            _ = trim?(0)
        #endif
    }
}
