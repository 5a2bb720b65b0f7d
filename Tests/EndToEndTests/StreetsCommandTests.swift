import Foundation
import Testing

/// `linq-map streets import/list/remove` and streets in `--once`, run as the built binary.
@Suite(.serialized)
struct StreetsCommandTests {
    static let osm = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/osm")
    /// The tests import the shared extracts; without them (a checkout alone) they are skipped and say why.
    static let isAvailable = FileManager.default.fileExists(
        atPath: osm.appendingPathComponent("Helsinki.osm.pbf").path)

    func withDataHome(_ body: (String) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lm-streets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(folder.path)
    }

    @Test(.enabled(if: isAvailable, "needs ../shared/data/osm beside the checkout"))
    func importListRemoveAndDrawHelsinki() async throws {
        try await withDataHome { home in
            let env = ["XDG_DATA_HOME": home]
            let binary = Binary.path("linq-map")
            let helsinki = Self.osm.appendingPathComponent("Helsinki.osm.pbf").path
            let imported = try await runProcess(binary, ["streets", "import", helsinki], environment: env)
            #expect(imported.status == 0, "\(imported.stderr)")
            #expect(imported.stderr.contains("reading "))
            #expect(imported.stderr.contains("imported 'Helsinki'"))
            let listed = try await runProcess(binary, ["streets", "list"], environment: env)
            #expect(listed.stdout.contains("Helsinki\t24.9352,60.1642,24.9534,60.1791"))
            #expect(listed.stdout.contains("Helsinki.osm.pbf"))
            let frame = try await runProcess(
                binary,
                [
                    "--demo", "--once", "--center", "60.1680,24.9440", "--zoom", "16", "--width", "120", "--height",
                    "40", "--color", "never",
                ],
                environment: env)
            #expect(frame.status == 0)
            #expect(frame.stdout.contains("© OpenStreetMap contributors"))
            #expect(frame.stdout.contains("Pohjoisesplanadi"))
            let removed = try await runProcess(binary, ["streets", "remove", "Helsinki"], environment: env)
            #expect(removed.status == 0)
            let again = try await runProcess(binary, ["streets", "remove", "Helsinki"], environment: env)
            #expect(again.status == 66)
            #expect(again.stderr.contains("no street area named 'Helsinki'"))
        }
    }

    @Test(.enabled(if: isAvailable, "needs ../shared/data/osm beside the checkout"))
    func badInputExitsWithDataErrorAndLeavesNothing() async throws {
        try await withDataHome { home in
            let env = ["XDG_DATA_HOME": home]
            let bad = URL(fileURLWithPath: home).appendingPathComponent("bad.osm.pbf")
            let bytes = try Data(contentsOf: Self.osm.appendingPathComponent("Helsinki.osm.pbf"))
            try bytes.prefix(bytes.count / 3).write(to: bad)
            let cut = try await runProcess(
                Binary.path("linq-map"), ["streets", "import", bad.path, "--name", "cut"], environment: env)
            #expect(cut.status == 65)
            #expect(cut.stderr.contains("truncated .osm.pbf at byte"))
            try Data("hello".utf8).write(to: bad)
            let text = try await runProcess(Binary.path("linq-map"), ["streets", "import", bad.path], environment: env)
            #expect(text.status == 65)
            #expect(text.stderr.contains("not an .osm.pbf file"))
            let missing = try await runProcess(
                Binary.path("linq-map"), ["streets", "import", "/nonexistent.osm.pbf"], environment: env)
            #expect(missing.status == 66)
            let streets = URL(fileURLWithPath: home).appendingPathComponent("linq-map/streets").path
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: streets)) ?? []).isEmpty)
        }
    }

    @Test(.enabled(if: isAvailable, "needs ../shared/data/osm beside the checkout"))
    func unwritableDataFolderIsAnIOError() async throws {
        try await withDataHome { home in
            let file = URL(fileURLWithPath: home).appendingPathComponent("file")
            try Data("x".utf8).write(to: file)
            let result = try await runProcess(
                Binary.path("linq-map"),
                ["streets", "import", Self.osm.appendingPathComponent("test.osm.pbf").path],
                environment: ["XDG_DATA_HOME": file.path])
            #expect(result.status == 74)
            #expect(result.stderr.contains("nothing was imported"))
        }
    }
}
