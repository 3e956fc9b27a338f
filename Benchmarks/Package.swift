// swift-tools-version:6.3

import PackageDescription

/// Benchmarks live in their own package so that the benchmark plugin and its dependencies stay out
/// of Vane's build graph. Run from this directory: `swift package benchmark`.
let package = Package(
    name: "VaneBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "vane", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "KubeAPIBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "KubeAPI", package: "vane"),
            ],
            path: "Benchmarks/KubeAPIBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // A report-style measurement of the embedded API server (issue 2): run with
        // `swift run -c release ClusterBenchmark` from this directory.
        .executableTarget(
            name: "ClusterBenchmark",
            dependencies: [
                .product(name: "EmbeddedCluster", package: "vane"),
                .product(name: "KubeTestKit", package: "vane"),
                .product(name: "KubeAPI", package: "vane"),
            ],
            path: "Benchmarks/ClusterBenchmark"
        ),
        // Client figures for issue 3: typed decode throughput and typed watch consumption.
        // Run with `swift run -c release ClientBenchmark`.
        .executableTarget(
            name: "ClientBenchmark",
            dependencies: [
                .product(name: "EmbeddedCluster", package: "vane"),
                .product(name: "KubeTestKit", package: "vane"),
                .product(name: "KubeClient", package: "vane"),
                .product(name: "KubeAPI", package: "vane"),
            ],
            path: "Benchmarks/ClientBenchmark"
        ),
        // Runtime figures for issue 4: leader takeover times and work-queue throughput.
        // Run with `swift run -c release RuntimeBenchmark`.
        .executableTarget(
            name: "RuntimeBenchmark",
            dependencies: [
                .product(name: "EmbeddedCluster", package: "vane"),
                .product(name: "KubeTestKit", package: "vane"),
                .product(name: "KubeRuntime", package: "vane"),
                .product(name: "KubeAPI", package: "vane"),
            ],
            path: "Benchmarks/RuntimeBenchmark"
        ),
        // Controller figures for issue 5: 1,000 Rollouts rolled out at once by a `vane controller`
        // process. Build `vane` in release first; run with `swift run -c release RolloutsBenchmark`.
        .executableTarget(
            name: "RolloutsBenchmark",
            dependencies: [
                .product(name: "EmbeddedCluster", package: "vane"),
                .product(name: "KubeTestKit", package: "vane"),
                .product(name: "KubeClient", package: "vane"),
                .product(name: "KubeAPI", package: "vane"),
            ],
            path: "Benchmarks/RolloutsBenchmark"
        ),
    ]
)
