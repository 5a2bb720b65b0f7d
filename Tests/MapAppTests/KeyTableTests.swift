import Foundation
import Geo
import MapApp
import Testing
import TextUI

@Test func readmeKeyTableIsTheKeyTable() throws {
    let readme = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "../../README.md").standardized
    let text = try String(contentsOf: readme, encoding: .utf8)
    let section = try #require(text.range(of: "### Keys\n\n"))
    let after = text[section.upperBound...]
    let table = after[..<(after.range(of: "\n\n")?.lowerBound ?? after.endIndex)]
    #expect(String(table) == KeyTable.markdown)
}

@Test func everyKeyRunsOneCommandAndEveryRowIsReachable() {
    var seen: [Key: KeyCommand] = [:]
    for row in KeyTable.rows {
        #expect(!row.commands.isEmpty, "\(row.keys) binds no key")
        for (key, command) in row.commands {
            #expect(seen[key] == nil, "\(key) is bound twice")
            seen[key] = command
            #expect(KeyTable.command(for: key) == command)
        }
    }
    #expect(KeyTable.command(for: .character("x")) == nil)
}

@Test func helpLinesAlignTheActions() {
    let lines = KeyTable.lines
    #expect(lines.count == KeyTable.rows.count)
    let column = KeyTable.rows.map { displayWidth(of: $0.keys) }.max() ?? 0
    for (line, row) in zip(lines, KeyTable.rows) {
        #expect(line.hasPrefix(row.keys))
        #expect(String(line.dropFirst(column + 2)) == row.action)
    }
}
