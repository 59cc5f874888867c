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
        .executable(name: "NotifyBenchmark", targets: ["NotifyBenchmark"]),
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

        .target(name: "Notify", dependencies: ["Model", "HTTPClient", "Yams"], swiftSettings: strict),
        .target(name: "NotifyTesting", dependencies: ["Notify", "Model", "HTTPClient"], swiftSettings: strict),

        .executableTarget(
            name: "NotifyBenchmark", dependencies: ["Notify", "NotifyTesting", "Model", "HTTPClient"],
            path: "Benchmarks/notify/NotifyBenchmark", swiftSettings: strict),

        // MARK: The command-line tool
        .executableTarget(
            name: "binwatch",
            dependencies: [
                "Model", "Exposition", "PromQL", "Rules", "PackingCore", "Statistics", "Collectors",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),

        // MARK: Tests
        .testTarget(name: "ModelTests", dependencies: ["Model"], swiftSettings: strict),
        .testTarget(name: "BinwatchCLITests", dependencies: ["binwatch"], swiftSettings: strict),
        .testTarget(name: "PromQLTests", dependencies: ["PromQL", "Model"], swiftSettings: strict),
        .testTarget(
            name: "HTTPClientTests", dependencies: ["HTTPClient"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(
            name: "NotifyTests",
            dependencies: [
                "Notify", "NotifyTesting", "Model", "HTTPClient", "Yams",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strict),
    ]
)
