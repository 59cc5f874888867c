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
    ],
    targets: [
        // MARK: Pure modules (no I/O)
        .target(name: "Model", swiftSettings: strict),
        .target(name: "Exposition", dependencies: ["Model"], swiftSettings: strict),
        .target(name: "PromQL", dependencies: ["Model"], swiftSettings: strict),
        .target(name: "Rules", dependencies: ["Model", "PromQL", "Yams"], swiftSettings: strict),
        .target(name: "PackingCore", swiftSettings: strict),
        .target(name: "Statistics", swiftSettings: strict),

        // MARK: I/O modules
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .target(name: "PostgresClient", dependencies: ["CLibPQ"], swiftSettings: strict),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "CCurlShim", dependencies: ["CCurl"]),
        .target(name: "HTTPClient", dependencies: ["CCurl", "CCurlShim"], swiftSettings: strict),
        .target(
            name: "Collectors",
            dependencies: ["Model", "Exposition", "PostgresClient", "HTTPClient", "Statistics", "PackingCore", "Yams"],
            swiftSettings: strict),

        // MARK: The command-line tool
        .executableTarget(
            name: "binwatch",
            dependencies: [
                "Model", "Exposition", "PromQL", "Rules", "PackingCore", "Statistics", "Collectors",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),

        // MARK: Benchmarks (run by hand in release mode: Benchmarks/promql/run.sh)
        .executableTarget(
            name: "PromQLBenchmark", dependencies: ["PromQL", "Model"], path: "Benchmarks/promql/Sources",
            swiftSettings: strict),

        // MARK: Tests
        .testTarget(name: "ModelTests", dependencies: ["Model"], swiftSettings: strict),
        .testTarget(name: "BinwatchCLITests", dependencies: ["binwatch"], swiftSettings: strict),
        .testTarget(name: "PromQLTests", dependencies: ["PromQL", "Model"], swiftSettings: strict),
        .testTarget(name: "DashboardTests", dependencies: ["PromQL", "Model", "Yams"], swiftSettings: strict),
        .testTarget(
            name: "PackingCoreTests",
            dependencies: ["PackingCore", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strict),

        // MARK: Benchmarks (run by hand in release: Benchmarks/packing/run.sh)
        .executableTarget(
            name: "PackingBenchmark", dependencies: ["PackingCore"], path: "Benchmarks/packing/PackingBenchmark",
            swiftSettings: strict),
        .testTarget(
            name: "HTTPClientTests", dependencies: ["HTTPClient"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "RulesTests", dependencies: ["Rules", "Model", "PromQL"], swiftSettings: strict),
        .testTarget(
            name: "ExpositionTests",
            dependencies: ["Exposition", "Model", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strict),
        // Fixtures are read through #filePath (scripts/gen-statistics-fixtures.py writes them).
        .testTarget(
            name: "StatisticsTests",
            dependencies: ["Statistics", .product(name: "PropertyBased", package: "swift-property-based")],
            exclude: ["Fixtures"], swiftSettings: strict),
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
