import Foundation

/// The signature libFuzzer calls: one input, return 0.
public typealias FuzzFunction = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

#if FUZZING
/// libFuzzer's entry point for a program that has its own `main` (LLVM ≥ 13). Swift always
/// emits `main` for an executable target, so libFuzzer's own `main` is never linked and the
/// fuzzer is started from here instead.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: FuzzFunction) -> Int32
#endif

/// The `main` of every fuzz target.
///
/// Built with `-sanitize=fuzzer -DFUZZING` (scripts/fuzz.sh) it hands the command line to
/// libFuzzer. In a normal build it is a replayer: every argument is a file, or a directory
/// whose files (recursively, sorted) are each passed once to `fuzz`, so the test suite can
/// replay the corpora and crash regressions without libFuzzer. A crash ends the process, with
/// the file's name printed just before.
public enum FuzzMain {
    public static func run(_ fuzz: FuzzFunction) -> Never {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzz))
        #else
        let arguments = CommandLine.arguments.dropFirst()
        guard !arguments.isEmpty else {
            FileHandle.standardError.write(Data("usage: \(CommandLine.arguments[0]) FILE-OR-DIRECTORY...\n".utf8))
            exit(2)
        }
        var count = 0
        for argument in arguments {
            for file in files(at: argument) {
                guard let data = FileManager.default.contents(atPath: file) else {
                    FileHandle.standardError.write(Data("error: cannot read \(file)\n".utf8))
                    exit(2)
                }
                // Written before the run so a crash is attributed to its input.
                FileHandle.standardError.write(Data("replaying \(file)\n".utf8))
                let bytes = [UInt8](data)
                _ = bytes.withUnsafeBufferPointer { fuzz($0.baseAddress, $0.count) }
                count += 1
            }
        }
        print("replayed \(count) inputs")
        exit(0)
        #endif
    }

    /// `path` itself when it is a file; else its regular files, recursively, sorted by path
    /// (hidden files such as .gitkeep left out).
    static func files(at path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            FileHandle.standardError.write(Data("error: no such file or directory: \(path)\n".utf8))
            exit(2)
        }
        guard isDirectory.boolValue else { return [path] }
        let enumerator = FileManager.default.enumerator(atPath: path)
        var out: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            let full = (path as NSString).appendingPathComponent(relative)
            var dir: ObjCBool = false
            let name = (relative as NSString).lastPathComponent
            if !name.hasPrefix("."), FileManager.default.fileExists(atPath: full, isDirectory: &dir), !dir.boolValue {
                out.append(full)
            }
        }
        return out.sorted()
    }
}

/// The fuzz input as bytes (copied: the harness must not keep libFuzzer's buffer).
public func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

/// Stops the process with `message` when an invariant the fuzzer checks does not hold; libFuzzer
/// records the input as a crash.
public func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        FileHandle.standardError.write(Data("fuzz invariant failed: \(message())\n".utf8))
        abort()
    }
}
