import Foundation
import TestSupport
import Testing
import TextUI

@Suite struct SnapshotTests {
    @Test func styleMaskMarksEachCell() {
        var buffer = CellBuffer(width: 6, height: 2)
        buffer[0, 0] = Cell("a", style: Style(attributes: .bold))
        buffer[1, 0] = Cell("b", style: Style(attributes: [.reverse, .bold]))
        buffer[2, 0] = Cell("c", style: Style(attributes: .dim))
        buffer[3, 0] = Cell("d", style: Style(attributes: .underline))
        buffer[4, 0] = Cell("e", style: Style(foreground: .red))
        #expect(styleMask(buffer) == "brduc \n      ")
    }

    @Test func matchingSnapshotPasses() {
        var buffer = CellBuffer(width: 5, height: 2)
        buffer[0, 0] = Cell("+")
        buffer[4, 1] = Cell("+")
        assertSnapshot(buffer, named: "snapshot-corners")
    }
}

@Suite(.serialized) struct SnapshotRecordingTests {
    private static let directory = "/tmp/linqmap-snapshot-tests"

    @Test func missingSnapshotIsRecordedAndFails() throws {
        let file = "\(Self.directory)/__Snapshots__/recorded.txt"
        try? FileManager.default.removeItem(atPath: file)
        withKnownIssue {
            assertSnapshot("line 1\nline 2", named: "recorded", filePath: "/tmp/linqmap-snapshot-tests/Fake.swift")
        }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "line 1\nline 2\n")
        assertSnapshot("line 1\nline 2", named: "recorded", filePath: "/tmp/linqmap-snapshot-tests/Fake.swift")
    }

    @Test func differentTextFails() throws {
        let directory = "\(Self.directory)/__Snapshots__"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data("expected\n".utf8).write(to: URL(fileURLWithPath: "\(directory)/differs.txt"))
        withKnownIssue {
            assertSnapshot("actual", named: "differs", filePath: "/tmp/linqmap-snapshot-tests/Fake.swift")
        }
    }
}
