// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "linq-map",
    // Linux is tested; macOS 15 (Synchronization.Mutex) is expected to build, untested: docs/platform-notes.md.
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "linq-map", targets: ["linq-map"]),
        .executable(name: "linq-fake-server", targets: ["linq-fake-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        // SQLite for the history (issue 12): measured at 27 s of CPU, 19-43 s wall, for its first debug build
        // on the 2-core machine; it brings migrations, WAL, busy handling and typed errors we would otherwise
        // write and test ourselves.
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    ],
    targets: [
        // Core: standard library and Foundation only; no environment, no clock, no I/O.
        .target(name: "LinqModel"),
        .target(name: "Geo"),
        // The atlas generator (Natural Earth GeoJSON in, atlas bytes out): linq-atlas and the tests use it; the
        // shipped binary links only Geo's reader.
        .target(name: "AtlasBuilder", dependencies: ["Geo"]),
        .target(name: "TextUI"),
        .target(name: "MapApp", dependencies: ["LinqModel", "Geo", "TextUI", "Streets", "Contacts", "History"]),
        .target(name: "Streets", dependencies: ["Geo", "LinqModel"]),
        .target(name: "Contacts"),
        .target(name: "Settings"),
        .target(name: "ScriptFormats", dependencies: ["LinqModel", "TextUI", "MapApp"]),
        .target(name: "History", dependencies: ["LinqModel", "Geo"]),

        // Edges.
        .systemLibrary(name: "CCurl", path: "Sources/CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "LinqHTTP", dependencies: ["LinqModel", "CCurl"]),
        .target(
            name: "FakeLinq",
            dependencies: [
                "LinqModel", .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        .target(name: "LocalFiles"),
        .target(
            name: "SettingsFile",
            dependencies: ["Settings", "LocalFiles", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .target(name: "SnapshotCache", dependencies: ["LinqModel", "LocalFiles"]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "StreetFiles", dependencies: ["Streets", "CZlib", "LocalFiles", "LinqModel", "Geo"]),
        .target(
            name: "HistorySQLite",
            dependencies: [
                "History", "Geo", "LinqModel", "LocalFiles", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses", providers: [.apt(["libncurses-dev"])]),
        .target(name: "CFatalSignals"),
        // Runs `--on-event` programs (issue 13): posix_spawn, time limits, at most 4 at once.
        .target(name: "EventHooks"),
        .target(name: "CursesScreen", dependencies: ["CNcurses", "CFatalSignals", "TextUI", "LinqModel"]),
        .executableTarget(
            name: "linq-map",
            dependencies: [
                "LinqModel", "Geo", "TextUI", "MapApp", "LinqHTTP", "FakeLinq", "CursesScreen", "CFatalSignals",
                "Contacts", "Settings", "SettingsFile", "ScriptFormats", "SnapshotCache", "LocalFiles", "StreetFiles",
                "History", "HistorySQLite", "EventHooks",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "linq-fake-server",
            dependencies: [
                "FakeLinq", "LinqModel", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "linq-atlas", dependencies: ["Geo", "AtlasBuilder"]),
        .executableTarget(name: "linq-map-bench", dependencies: ["LinqModel", "Geo", "TextUI", "MapApp"]),
        .executableTarget(
            name: "linq-streets-bench",
            dependencies: ["Streets", "StreetFiles", "MapApp", "Geo", "TextUI", "LocalFiles"]
        ),
        .executableTarget(name: "linq-history-bench", dependencies: ["History", "HistorySQLite", "LinqModel"]),

        // Test helpers shared by the test targets (snapshots, a manual clock).
        .target(name: "TestSupport", dependencies: ["TextUI"]),

        .testTarget(name: "TestSupportTests", dependencies: ["TestSupport", "TextUI"], exclude: ["__Snapshots__"]),
        .testTarget(name: "LinqModelTests", dependencies: ["LinqModel"]),
        .testTarget(name: "GeoTests", dependencies: ["Geo", "AtlasBuilder", "TestSupport"]),
        .testTarget(name: "AtlasBuilderTests", dependencies: ["AtlasBuilder", "Geo"]),
        .testTarget(name: "TextUITests", dependencies: ["TextUI", "TestSupport"], exclude: ["__Snapshots__"]),
        .testTarget(
            name: "MapAppTests",
            dependencies: [
                "MapApp", "LinqModel", "Geo", "TextUI", "TestSupport", "Streets", "Contacts", "History",
            ],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(name: "LinqHTTPTests", dependencies: ["LinqHTTP", "FakeLinq", "LinqModel"]),
        .testTarget(name: "LocalFilesTests", dependencies: ["LocalFiles"]),
        .testTarget(name: "ContactsTests", dependencies: ["Contacts"]),
        .testTarget(name: "SettingsTests", dependencies: ["Settings", "SettingsFile"]),
        .testTarget(name: "ScriptFormatsTests", dependencies: ["ScriptFormats", "LinqModel"]),
        .testTarget(name: "SnapshotCacheTests", dependencies: ["SnapshotCache", "LinqModel"]),
        .testTarget(name: "StreetsTests", dependencies: ["Streets", "Geo", "LinqModel", "TestSupport"]),
        .testTarget(
            name: "StreetFilesTests",
            dependencies: [
                "StreetFiles", "Streets", "MapApp", "Geo", "TextUI", "LocalFiles", "TestSupport", "LinqModel",
            ],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(name: "HistoryTests", dependencies: ["History", "LinqModel", "Geo"]),
        .testTarget(
            name: "HistorySQLiteTests",
            dependencies: [
                "HistorySQLite", "History", "Geo", "LinqModel", "LocalFiles",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(name: "FakeLinqTests", dependencies: ["FakeLinq", "LinqModel"]),
        .testTarget(name: "EventHooksTests", dependencies: ["EventHooks"]),
        .testTarget(
            name: "CursesScreenTests",
            dependencies: ["CursesScreen", "CNcurses", "CFatalSignals", "TextUI", "LinqModel"]
        ),
        .testTarget(name: "EndToEndTests", dependencies: ["FakeLinq", "LinqModel", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
