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

    #if canImport(Glibc)
        private typealias Option = @convention(c) (Int32, Int32) -> Int32
        /// `mallopt` from <malloc.h>.
        private static let option: Option? = {
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return nil }
            return unsafeBitCast(symbol, to: Option.self)
        }()
        /// `M_ARENA_MAX` in <malloc.h>.
        private static let arenaMax: Int32 = -8
    #endif

    /// Caps glibc's arenas at two (`MALLOC_ARENA_MAX=2`): each new arena keeps some memory
    /// resident even after a trim, and glibc adds arenas whenever threads contend (the
    /// benchmark went from 8 to 14 over 5000 cycles on a loaded machine, RSS following).
    /// binwatch allocates little per cycle, so two arenas cost no measurable time. An
    /// operator's own `MALLOC_ARENA_MAX` wins. Called once at start-up; later calls do nothing.
    static let limitArenas: Void = {
        #if canImport(Glibc)
            if getenv("MALLOC_ARENA_MAX") == nil { _ = option?(arenaMax, 2) }
        #endif
    }()

    /// Releases free heap pages to the system (a no-op where glibc's `malloc_trim` is absent).
    static func releaseFreeMemory() {
        #if canImport(Glibc)
            _ = trim?(0)
        #endif
    }
}
