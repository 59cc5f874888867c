// swift-tools-version: 6.1
// binwatch: a Prometheus-compatible alerting and health-evaluation engine for a
// warehouse putaway / bin-utilization optimizer. Module layout: ../shared/DESIGN.md.
import PackageDescription

/// Hummingbird's three upcoming features, as STYLE.md asks.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "binwatch",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "binwatch", targets: ["binwatch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        // Remote write's WriteRequest (generated code committed: scripts/generate-protobuf.sh).
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
    ],
    targets: [
        // MARK: Pure modules (no I/O)
        .target(name: "Model", swiftSettings: strict),
        .target(name: "Exposition", dependencies: ["Model"], swiftSettings: strict),
        .target(name: "PromQL", dependencies: ["Model"], swiftSettings: strict),
        // The write-ahead log of the series store: segments, records, checkpoints, replay (issue 15).
        .target(name: "Storage", dependencies: ["Model"], swiftSettings: strict),
        // The one YAML layer (issue 19): documents, merge keys, typed readers with file:line:col.
        .target(name: "ConfigYAML", dependencies: ["Model", "Yams"], swiftSettings: strict),
        .target(name: "Rules", dependencies: ["Model", "PromQL", "ConfigYAML", "Yams"], swiftSettings: strict),
        .target(name: "PackingCore", dependencies: ["Model"], swiftSettings: strict),
        .target(name: "Statistics", swiftSettings: strict),

        // MARK: I/O modules
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .target(name: "PostgresClient", dependencies: ["CLibPQ", "Model"], swiftSettings: strict),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "CCurlShim", dependencies: ["CCurl"]),
        .target(name: "HTTPClient", dependencies: ["CCurl", "CCurlShim"], swiftSettings: strict),
        .systemLibrary(name: "CSnappy", pkgConfig: "snappy", providers: [.apt(["libsnappy-dev"])]),
        // Remote write 1.0 (issue 18): a queue per remote_write that reads the WAL and sends
        // protobuf + snappy through HTTPClient.
        .target(
            name: "Remote",
            dependencies: [
                "Model", "Storage", "HTTPClient", "ConfigYAML", "Exposition", "CSnappy", "Yams",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Logging", package: "swift-log"),
                // hashmod relabelling's MD5.
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict),
        // A small NATS client (text protocol over TCP, JetStream publish acks) for nats_configs (issue 22).
        .target(name: "NATSClient", swiftSettings: strict),
        .target(
            name: "Notify", dependencies: ["Model", "PromQL", "Rules", "HTTPClient", "NATSClient", "ConfigYAML", "Yams"],
            swiftSettings: strict),
        .target(
            name: "Collectors",
            dependencies: ["Model", "Exposition", "PostgresClient", "HTTPClient", "Statistics", "PackingCore", "ConfigYAML", "Yams"],
            swiftSettings: strict),

        // MARK: The daemon (the only module that knows its siblings)
        .target(
            name: "Daemon",
            dependencies: [
                "Model", "Exposition", "PromQL", "Rules", "Collectors", "ConfigYAML", "Yams",
                "Notify", "HTTPClient", "Storage", "Remote",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                // web.config_file: TLS through swift-nio-ssl, bcrypt for basic auth (no hand-written crypto).
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                // SHA-256 of /api/v1/rules's group_next_token, as Prometheus computes it.
                .product(name: "Crypto", package: "swift-crypto"),
                // The web UI's templates.
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),

        // MARK: The command-line tool
        .executableTarget(
            name: "binwatch",
            dependencies: [
                "Model", "Exposition", "PromQL", "Rules", "PackingCore", "Statistics", "Collectors", "Daemon",
                "Notify", "Storage", "Remote", "HTTPClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict),

        // MARK: Test kits
        // Child processes without Foundation's Process (posix_spawn, file-backed stdio, waitpid) and free ports.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strict),
        // Local HTTP receivers, a manual clock, secret-leak checks and the Outbox/NotificationLog contracts.
        .target(
            name: "NotifyTesting", dependencies: ["Notify", "Model", "HTTPClient", "NATSClient", "TestSupport"],
            swiftSettings: strict),
        // A throwaway PostgreSQL for the tests of PostgresClient, Collectors and the CLI.
        .target(name: "PostgresTesting", dependencies: ["TestSupport"], path: "Tests/PostgresTesting", swiftSettings: strict),
        // A real node_exporter reading a textfile directory, for the Exposition and Daemon tests.
        .target(name: "NodeExporterTesting", dependencies: ["TestSupport"], path: "Tests/NodeExporterTesting", swiftSettings: strict),

        // MARK: Tests (one target per module; fixtures are read through #filePath)
        .testTarget(name: "ModelTests", dependencies: ["Model"], swiftSettings: strict),
        .testTarget(name: "ConfigYAMLTests", dependencies: ["ConfigYAML", "Model", "Yams"], swiftSettings: strict),
        .testTarget(
            name: "ExpositionTests",
            dependencies: [
                "Exposition", "Model", "NodeExporterTesting", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strict),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "Model"], swiftSettings: strict),
        .testTarget(
            name: "RemoteTests",
            dependencies: [
                "Remote", "Storage", "Model", "HTTPClient", "ConfigYAML", "Exposition", "TestSupport", "Yams",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .testTarget(name: "PromQLTests", dependencies: ["PromQL", "Model", "TestSupport"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(
            name: "RulesTests", dependencies: ["Rules", "Model", "PromQL", "TestSupport"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(
            name: "PackingCoreTests",
            dependencies: ["PackingCore", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strict),
        .testTarget(
            name: "StatisticsTests",
            dependencies: ["Statistics", .product(name: "PropertyBased", package: "swift-property-based")],
            exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(
            name: "PostgresClientTests", dependencies: ["PostgresClient", "PostgresTesting", "Model"], swiftSettings: strict),
        .testTarget(
            name: "HTTPClientTests", dependencies: ["HTTPClient", "TestSupport"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "NATSClientTests", dependencies: ["NATSClient"], swiftSettings: strict),
        .testTarget(
            name: "CollectorsTests",
            dependencies: ["Collectors", "PostgresClient", "PostgresTesting", "Model", "Exposition", "Statistics", "TestSupport", "PackingCore"],
            exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(
            name: "NotifyTests",
            dependencies: [
                "Notify", "NotifyTesting", "Model", "HTTPClient", "NATSClient", "Yams", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "DaemonTests",
            dependencies: [
                "Daemon", "Model", "Exposition", "PromQL", "Rules", "Collectors", "PostgresTesting", "NodeExporterTesting", "Storage",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                "Notify", "NotifyTesting", "HTTPClient", "TestSupport", "Remote",
            ],
            swiftSettings: strict),
        .testTarget(name: "DashboardTests", dependencies: ["PromQL", "Model", "Yams"], swiftSettings: strict),
        .testTarget(
            name: "BinwatchCLITests", dependencies: ["binwatch", "PostgresTesting", "TestSupport", "Storage", "Model", "NotifyTesting", "NATSClient"],
            swiftSettings: strict),

        // MARK: Benchmarks (run by hand in release mode through Benchmarks/<area>/run.sh)
        .executableTarget(
            name: "PromQLBenchmark", dependencies: ["PromQL", "Model"], path: "Benchmarks/promql/Sources",
            swiftSettings: strict),
        .executableTarget(
            name: "PackingBenchmark", dependencies: ["PackingCore"], path: "Benchmarks/packing/PackingBenchmark",
            swiftSettings: strict),
        .executableTarget(
            name: "NotifyBenchmark", dependencies: ["Notify", "NotifyTesting", "Model", "HTTPClient"],
            path: "Benchmarks/notify/NotifyBenchmark", swiftSettings: strict),
        // The soak (issue 11): scripts/soak.sh runs it; scripts/tests/soak.sh a short debug run.
        .executableTarget(
            name: "BinwatchSoak",
            dependencies: [
                "Daemon", "Notify", "Model", "Exposition", "Rules", "Collectors",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/soak/Sources", swiftSettings: strict),
    ]
)

// MARK: Fuzz targets
// libFuzzer harnesses, one executable per input format (docs/FUZZING.md). scripts/fuzz.sh builds
// them with -sanitize=fuzzer,address -DFUZZING; a normal build makes each one a replayer of its
// corpus/ and regressions/ (scripts/tests/fuzz.sh runs them so in the test suite).
let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
    ("FuzzPromQLParser", ["PromQL"]),
    ("FuzzRuleFile", ["Rules"]),
    ("FuzzTemplate", ["Rules"]),
    ("FuzzExposition", ["Exposition"]),
    ("FuzzOpenMetrics", ["Exposition"]),
    ("FuzzProbeInput", ["PackingCore"]),
    ("FuzzAnalyzeCSV", ["Statistics"]),
]
package.targets.append(.target(name: "FuzzSupport", path: "Fuzz/Support", swiftSettings: strict))
for target in fuzzTargets {
    package.targets.append(.executableTarget(
        name: target.name, dependencies: ["FuzzSupport"] + target.dependencies, path: "Fuzz/\(target.name)",
        exclude: ["corpus", "regressions", "crashes"], swiftSettings: strict))
}
