import Foundation
import Testing
import TextUI

/// Compares `buffer.text` with `__Snapshots__/<name>.txt` next to the calling test file.
///
/// The file holds the text followed by one newline. A missing file, or any file when the environment has
/// `LINQMAP_RECORD=1`, is (re)written from the buffer and the test fails, so that every new baseline is
/// read before it is committed. A mismatch fails with the first differing line and both texts.
public func assertSnapshot(
    _ buffer: CellBuffer,
    named name: String,
    filePath: StaticString = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    assertSnapshot(buffer.text, named: name, filePath: filePath, sourceLocation: sourceLocation)
}

/// Compares `text` with `__Snapshots__/<name>.txt` next to the calling test file; see the `CellBuffer` overload.
public func assertSnapshot(
    _ text: String,
    named name: String,
    filePath: StaticString = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let testFile = URL(fileURLWithPath: "\(filePath)")
    let directory = testFile.deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let file = directory.appendingPathComponent("\(name).txt")
    let recording = ProcessInfo.processInfo.environment["LINQMAP_RECORD"] == "1"

    let stored = try? String(contentsOf: file, encoding: .utf8)
    if recording || stored == nil {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data((text + "\n").utf8).write(to: file)
            Issue.record(
                "Recorded snapshot \(file.path); read it, then run the test again.",
                sourceLocation: sourceLocation)
        } catch {
            Issue.record("Could not record snapshot \(file.path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let stored else { return }
    let expected = stored.hasSuffix("\n") ? String(stored.dropLast()) : stored
    guard expected != text else { return }
    Issue.record(
        """
        Snapshot \(name) differs \(firstDifference(expected: expected, actual: text)).
        Set LINQMAP_RECORD=1 to re-record it.
        --- expected (\(file.path))
        \(expected)
        --- actual
        \(text)
        """,
        sourceLocation: sourceLocation)
}

/// Describes the first line where two texts differ, 1-based.
private func firstDifference(expected: String, actual: String) -> String {
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(expectedLines.count, actualLines.count) {
        let left = index < expectedLines.count ? String(expectedLines[index]) : "<no line>"
        let right = index < actualLines.count ? String(actualLines[index]) : "<no line>"
        if left != right {
            return "at line \(index + 1): expected \"\(left)\", got \"\(right)\""
        }
    }
    return "(no line differs)"
}

/// The styles of `buffer`, one character per cell (continuation cells included, so columns line up).
///
/// ` ` plain, `r` reverse, `b` bold, `d` dim, `u` underline, `c` coloured with no attribute. When a cell has
/// several attributes, the first in that order wins (reverse, bold, dim, underline). Rows end with `\n`
/// except the last, as in `CellBuffer.text`.
public func styleMask(_ buffer: CellBuffer) -> String {
    var lines: [String] = []
    lines.reserveCapacity(buffer.height)
    for y in 0..<buffer.height {
        var line = ""
        for x in 0..<buffer.width {
            line.append(maskCharacter(for: buffer[x, y].style))
        }
        lines.append(line)
    }
    return lines.joined(separator: "\n")
}

/// The mask character for one style.
private func maskCharacter(for style: Style) -> Character {
    let attributes = style.attributes
    if attributes.contains(.reverse) { return "r" }
    if attributes.contains(.bold) { return "b" }
    if attributes.contains(.dim) { return "d" }
    if attributes.contains(.underline) { return "u" }
    if style.foreground != .default || style.background != .default { return "c" }
    return " "
}

/// Compares `text` with `__Snapshots__/<name>.txt`; the labelled spelling the map composer tests use.
public func assertSnapshot(
    text: String,
    named name: String,
    filePath: StaticString = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    assertSnapshot(text, named: name, filePath: filePath, sourceLocation: sourceLocation)
}

/// The attributes of `buffer`, one character per cell: `r` reverse, `b` bold, `d` dim, `.` otherwise (the
/// mask format of the map composer snapshots; `styleMask` also marks colour).
public func attributeMask(of buffer: CellBuffer) -> String {
    var lines: [String] = []
    for y in 0..<buffer.height {
        var line = ""
        for x in 0..<buffer.width {
            let attributes = buffer[x, y].style.attributes
            if attributes.contains(.reverse) {
                line.append("r")
            } else if attributes.contains(.bold) {
                line.append("b")
            } else if attributes.contains(.dim) {
                line.append("d")
            } else {
                line.append(".")
            }
        }
        lines.append(line)
    }
    return lines.joined(separator: "\n")
}
