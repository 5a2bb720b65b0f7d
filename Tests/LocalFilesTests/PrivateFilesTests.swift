import Foundation
import LocalFiles
import Testing

private func temporaryFolder() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("linq-map-files-\(UUID().uuidString)")
}

private func mode(_ url: URL) throws -> Int {
    try #require(FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int)
}

@Test func writeCreatesPrivateFolderAndFile() throws {
    let root = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let file = root.appendingPathComponent("a/b/cache.json")
    try PrivateFiles.write(Data("one".utf8), to: file)
    #expect(try mode(file) == 0o600)
    #expect(try mode(file.deletingLastPathComponent()) == 0o700)
    #expect(try PrivateFiles.read(file) == Data("one".utf8))
}

@Test func rewriteReplacesWholeAndLeavesNoTemporaryFile() throws {
    let root = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let file = root.appendingPathComponent("x")
    try PrivateFiles.write(Data("a long first version".utf8), to: file)
    try PrivateFiles.write(Data("b".utf8), to: file)
    #expect(try PrivateFiles.read(file) == Data("b".utf8))
    #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["x"])
}

@Test func readOfMissingFileIsNil() throws {
    #expect(try PrivateFiles.read(temporaryFolder().appendingPathComponent("none")) == nil)
}

@Test func folderThatIsAFileIsAnError() throws {
    let root = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    try PrivateFiles.write(Data(), to: root.appendingPathComponent("file"))
    #expect(throws: StorageError.self) {
        try PrivateFiles.write(Data("x".utf8), to: root.appendingPathComponent("file/inner"))
    }
}
