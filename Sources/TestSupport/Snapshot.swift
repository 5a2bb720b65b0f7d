import Foundation
import Testing
import TextUI

/// Compares `buffer.text` with `__Snapshots__/<name>.txt` next to the calling test file.
///
/// A missing snapshot, or any snapshot while the environment has `LINQMAP_RECORD=1`, is written from the
/// buffer and the test fails, so every new baseline is read before it is committed.
public func assertSnapshot(
    _ buffer: CellBuffer, named name: String, filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    assertSnapshot(text: buffer.text, named: name, filePath: filePath, sourceLocation: sourceLocation)
}

/// Compares `text` with `__Snapshots__/<name>.txt` next to the calling test file; see the buffer overload.
public func assertSnapshot(
    text: String, named name: String, filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation
) {
    let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let file = directory.appendingPathComponent(name + ".txt")
    let isRecording = ProcessInfo.processInfo.environment["LINQMAP_RECORD"] == "1"
    let recorded = try? String(contentsOf: file, encoding: .utf8)
    if let recorded, !isRecording {
        if recorded != text {
            Issue.record(
                "Snapshot \(name) differs.\n--- recorded\n\(recorded)\n--- actual\n\(text)",
                sourceLocation: sourceLocation)
        }
        return
    }
    do {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        Issue.record(
            "Recorded snapshot \(name) at \(file.path); read it, then run again.", sourceLocation: sourceLocation)
    } catch {
        Issue.record("Could not record snapshot \(name): \(error)", sourceLocation: sourceLocation)
    }
}

/// The styles of `buffer` as a mask, one character per cell: `r` reverse, `b` bold, `d` dim, `.` otherwise.
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
