// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "linq-map",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "linq-map", targets: ["linq-map"]),
        .executable(name: "linq-fake-server", targets: ["linq-fake-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        // SQLite for the history (issue 12): measured at 27 s of CPU, 19-43 s wall, for its first debug build
        // on the 2-core machine; it brings migrations, WAL, busy handling and typed errors we would otherwise
        // write and test ourselves.
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    ],
    targets: [
        // Core: standard library and Foundation only; no environment, no clock, no I/O.
        .target(name: "LinqModel"),
        .target(name: "Geo"),
        .target(name: "TextUI"),
        .target(name: "MapApp", dependencies: ["LinqModel", "Geo", "TextUI"]),
        .target(name: "History", dependencies: ["LinqModel", "Geo"]),

        // Edges.
        .target(name: "LinqHTTP", dependencies: ["LinqModel"]),
        .target(
            name: "FakeLinq",
            dependencies: [
                "LinqModel", .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        .target(name: "LocalFiles"),
        .target(
            name: "HistorySQLite",
            dependencies: ["History", "Geo", "LinqModel", "LocalFiles", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses", providers: [.apt(["libncurses-dev"])]),
        .target(name: "CFatalSignals"),
        .target(name: "CursesScreen", dependencies: ["CNcurses", "CFatalSignals", "TextUI"]),
        .executableTarget(
            name: "linq-map",
            dependencies: [
                "LinqModel", "Geo", "TextUI", "MapApp", "LinqHTTP", "FakeLinq", "CursesScreen", "History",
                "HistorySQLite", "LocalFiles", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "linq-fake-server",
            dependencies: ["FakeLinq", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "linq-atlas", dependencies: ["Geo"]),
        .executableTarget(name: "linq-map-bench", dependencies: ["LinqModel", "Geo", "TextUI", "MapApp"]),
        .executableTarget(name: "linq-history-bench", dependencies: ["History", "HistorySQLite", "LinqModel"]),

        // Test helpers shared by the test targets (snapshots, a manual clock).
        .target(name: "TestSupport", dependencies: ["TextUI"]),

        .testTarget(name: "LinqModelTests", dependencies: ["LinqModel"]),
        .testTarget(name: "GeoTests", dependencies: ["Geo", "TestSupport"]),
        .testTarget(name: "TextUITests", dependencies: ["TextUI", "TestSupport"], exclude: ["__Snapshots__"]),
        .testTarget(
            name: "MapAppTests", dependencies: ["MapApp", "LinqModel", "Geo", "TextUI", "TestSupport"],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(
            name: "LinqHTTPTests",
            dependencies: [
                "LinqHTTP", "FakeLinq", "LinqModel", "TestSupport", .product(name: "FlyingFox", package: "FlyingFox"),
            ]
        ),
        .testTarget(name: "LocalFilesTests", dependencies: ["LocalFiles"]),
        .testTarget(name: "HistoryTests", dependencies: ["History", "LinqModel", "Geo"]),
        .testTarget(
            name: "HistorySQLiteTests",
            dependencies: [
                "HistorySQLite", "History", "Geo", "LinqModel", "LocalFiles",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(name: "FakeLinqTests", dependencies: ["FakeLinq", "LinqModel"]),
        .testTarget(name: "CursesScreenTests", dependencies: ["CursesScreen", "CNcurses", "CFatalSignals", "TextUI"]),
        .testTarget(name: "EndToEndTests", dependencies: ["FakeLinq", "LinqModel", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
