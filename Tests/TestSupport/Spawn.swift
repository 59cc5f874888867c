import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The `posix_spawn` primitive under `ChildProcess` and `RunningChild`.
///
/// Foundation's `Process` is not used: on Linux its `waitUntilExit` was seen to hang when
/// tests spawn processes in parallel, and its pipes leak into children spawned at the same
/// moment (a concurrently started server inherits a pipe's write end, so the reader never
/// sees EOF). Here a child's stdin, stdout and stderr are regular files or /dev/null, and
/// every descriptor above 2 is closed in the child, so no child holds anything of another.
enum Spawn {
    /// Starts `arguments` and returns its pid. A bare program name is looked up in PATH.
    static func start(
        _ arguments: [String], stdin: String, stdout: String, stderr: String,
        environment: [String: String]?, currentDirectory: String?
    ) throws(ChildProcessError) -> pid_t {
        guard let program = arguments.first, !program.isEmpty else {
            throw ChildProcessError(message: "no program to run")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var argv = arguments
        if let currentDirectory {
            if let addchdir = Self.addchdir {
                _ = addchdir(&actions, currentDirectory)
            } else {
                // Older glibc: let a shell change directory, then exec the program in its place.
                argv = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", currentDirectory] + arguments
            }
        }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        // Descriptors this process opened without O_CLOEXEC (sockets, other tests' files)
        // must not reach the child.
        if let closefrom = Self.addclosefrom { _ = closefrom(&actions, 3) }

        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned: Int32
        if let environment {
            let cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
            defer { cEnvironment.forEach { free($0) } }
            spawned = posix_spawnp(&pid, argv[0], &actions, nil, cArguments, cEnvironment)
        } else {
            spawned = posix_spawnp(&pid, argv[0], &actions, nil, cArguments, environ)
        }
        guard spawned == 0 else {
            throw ChildProcessError(message: "could not start \(program): \(String(cString: strerror(spawned)))")
        }
        LiveChildren.add(pid)
        return pid
    }

    /// `waitpid` that retries on EINTR; nil when `noHang` and the child still runs.
    static func wait(_ pid: pid_t, noHang: Bool) -> Int32? {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, noHang ? WNOHANG : 0)
            if result == pid {
                LiveChildren.remove(pid)
                return decode(status)
            }
            if result == 0 { return nil }
            if errno == EINTR { continue }
            // ECHILD: already reaped elsewhere; nothing more can be learned.
            LiveChildren.remove(pid)
            return -1
        }
    }

    /// The exit status, or 128 + the signal number when a signal ended the child
    /// (WIFEXITED / WEXITSTATUS are macros Swift cannot see).
    static func decode(_ status: Int32) -> Int32 {
        (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// Waits up to `timeout` (polling with WNOHANG); nil when the child still runs then.
    static func wait(_ pid: pid_t, timeout: Duration) -> Int32? {
        let deadline = ContinuousClock.now + timeout
        var pause = 1_000  // microseconds, doubling up to 20 ms
        while true {
            if let status = wait(pid, noHang: true) { return status }
            if ContinuousClock.now >= deadline { return nil }
            usleep(UInt32(pause))
            pause = min(pause * 2, 20_000)
        }
    }

    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    private typealias AddClosefrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    // glibc declares these only under _GNU_SOURCE, which Swift's Glibc module does not set.
    private static let addchdir: AddChdir? = dlsym(nil, "posix_spawn_file_actions_addchdir_np")
        .map { unsafeBitCast($0, to: AddChdir.self) }
    private static let addclosefrom: AddClosefrom? = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np")
        .map { unsafeBitCast($0, to: AddClosefrom.self) }
}

/// Every child started and not yet reaped, SIGKILLed when this process exits normally, so
/// no server outlives a test run that forgot (or never reached) its `terminate()`.
enum LiveChildren {
    private static let pids = Mutex<Set<pid_t>>([])
    private static let registered: Bool = {
        atexit { LiveChildren.killAll() }
        return true
    }()

    static func add(_ pid: pid_t) {
        _ = registered
        pids.withLock { _ = $0.insert(pid) }
    }

    static func remove(_ pid: pid_t) {
        pids.withLock { _ = $0.remove(pid) }
    }

    static func killAll() {
        for pid in pids.withLock({ $0 }) { kill(pid, SIGKILL) }
    }
}
