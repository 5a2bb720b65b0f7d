import ArgumentParser
import Foundation
import LinqModel
import LocalFiles
import MapApp
import StreetFiles
import Streets

/// `linq-map streets`: street maps from OpenStreetMap extracts on the user's disk.
struct StreetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "streets",
        abstract: "Import OpenStreetMap extracts (.osm.pbf) as offline street maps; list and remove them.",
        subcommands: [StreetsImportCommand.self, StreetsListCommand.self, StreetsRemoveCommand.self]
    )
}

/// `linq-map streets import FILE.osm.pbf [--name NAME] [--lang en]`.
struct StreetsImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read an .osm.pbf extract and store its streets for the map (zoom 11 and deeper).",
        discussion: """
            Keeps roads by class, railways and tram lines, water, parks, buildings and names, tiled and \
            simplified per zoom, in $XDG_DATA_HOME/linq-map/streets/NAME (else ~/.local/share/...). \
            Importing an existing name replaces it. Map data © OpenStreetMap contributors (ODbL).
            """
    )

    @Argument(help: "An OpenStreetMap extract in PBF format (.osm.pbf).")
    var file: String

    @Option(help: "The area's name (default: the file name without .osm.pbf).")
    var name: String?

    @Option(help: "Prefer name:LANG tags over name (for example: en).")
    var lang: String?

    mutating func run() throws {
        let status = execute()
        if status != ProgramExit.success { throw ExitCode(status.code) }
    }

    func execute() -> ProgramExit {
        let areaName = name ?? StreetLibrary.defaultName(for: file)
        do throws(AreaNameError) {
            try StreetLibrary.validate(name: areaName)
        } catch {
            printError("linq-map: \(error.message)")
            return .usage
        }
        if let lang, lang.isEmpty || !lang.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-") }) {
            printError("linq-map: invalid --lang '\(lang)': use a language code such as en")
            return .usage
        }
        let library = StreetLibrary(directories: XDGDirectories(environment: ProcessInfo.processInfo.environment))
        let reporter = ImportReporter(path: file, isTerminal: isatty(STDERR_FILENO) == 1)
        let summary: ImportSummary
        do throws(PBFError) {
            let bytes = try MappedFile.map(file, isSequential: true)
            summary = try StreetImporter(language: lang).run(
                bytes, source: (file as NSString).lastPathComponent, now: Date(), progress: reporter.report)
        } catch {
            reporter.finishLine()
            printError("linq-map: \(file): \(error.message)")
            return error.exit
        }
        do throws(StorageError) {
            try library.save(summary.atlas, name: areaName)
        } catch {
            reporter.finishLine()
            printError("linq-map: \(error.message); nothing was imported")
            return .ioError
        }
        reporter.done(summary: summary, name: areaName, folder: library.folder.path)
        return .success
    }
}

/// Prints an import's progress: a bar redrawn in place on a terminal, one line per stage otherwise.
final class ImportReporter {
    private let path: String
    private let isTerminal: Bool
    private let start = ContinuousClock.now
    private var lastStage: ImportProgress.Stage?
    private var lastDraw = ContinuousClock.now - .seconds(1)
    private var hasBar = false

    init(path: String, isTerminal: Bool) {
        self.path = path
        self.isTerminal = isTerminal
    }

    private var elapsed: Double {
        let parts = (ContinuousClock.now - start).components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    func report(_ progress: ImportProgress) {
        if !isTerminal {
            guard progress.stage != lastStage else { return }
            lastStage = progress.stage
            switch progress.stage {
            case .reading: writeError("reading \(path) (\(ImportReporter.size(progress.totalBytes)))\n")
            case .resolving:
                writeError(
                    "read \(progress.nodes) nodes, \(progress.ways) ways in \(String(format: "%.1f", elapsed)) s;"
                        + " resolving ways\n")
            case .writing: writeError("building the street atlas\n")
            }
            return
        }
        let now = ContinuousClock.now
        guard progress.stage != lastStage || now - lastDraw >= .milliseconds(100) else { return }
        lastStage = progress.stage
        lastDraw = now
        let fraction = progress.totalBytes > 0 ? Double(progress.bytesRead) / Double(progress.totalBytes) : 1
        let width = 24
        let filled = min(width, Int(fraction * Double(width)))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let remaining =
            progress.stage == .reading && fraction > 0.01
            ? ImportReporter.clock(elapsed / fraction - elapsed) + " left" : progress.stage.rawValue
        let line =
            "\r[\(bar)] \(Int(fraction * 100))% \(ImportReporter.size(progress.bytesRead))"
            + " of \(ImportReporter.size(progress.totalBytes))  \(progress.nodes) nodes  \(progress.ways) ways  "
            + "\(ImportReporter.clock(elapsed)) elapsed  \(remaining)\u{1B}[K"
        writeError(line)
        hasBar = true
    }

    /// Ends the bar's line so an error message starts on a line of its own.
    func finishLine() {
        if hasBar { writeError("\n") }
        hasBar = false
    }

    func done(summary: ImportSummary, name: String, folder: String) {
        finishLine()
        let missing = summary.missingNodes > 0 ? " (\(summary.missingNodes) node references outside the extract)" : ""
        writeError(
            "imported '\(name)': \(summary.keptWays) of \(summary.ways) ways, \(summary.nodes) nodes,"
                + " \(ImportReporter.size(summary.atlas.count)) in \(String(format: "%.2f", elapsed)) s\(missing)\n"
                + "  \(folder)/\(name); map data © OpenStreetMap contributors (ODbL)\n")
    }

    private func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 20 { return String(format: "%.1f MB", Double(bytes) / 1_048_576) }
        if bytes >= 1 << 10 { return String(format: "%.0f KB", Double(bytes) / 1024) }
        return "\(bytes) B"
    }

    static func clock(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "-:--" }
        let whole = Int(seconds.rounded())
        return String(format: "%d:%02d", whole / 60, whole % 60)
    }
}

/// `linq-map streets list`.
struct StreetsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the imported street areas (name, bounding box, size, date, source).")

    mutating func run() throws {
        let library = StreetLibrary(directories: XDGDirectories(environment: ProcessInfo.processInfo.environment))
        let areas = StreetLibrary.areas(in: library.folder)
        guard !areas.isEmpty else {
            printError("no street areas imported; run 'linq-map streets import FILE.osm.pbf'")
            return
        }
        var lines = "NAME\tBOUNDING BOX (W,S,E,N)\tSIZE\tIMPORTED\tSOURCE\n"
        for area in areas {
            switch area.atlas {
            case .success(let atlas):
                let box = atlas.bounds.degrees
                let metadata = atlas.metadata
                let bounds = String(format: "%.4f,%.4f,%.4f,%.4f", box.minLon, box.minLat, box.maxLon, box.maxLat)
                lines +=
                    "\(area.name)\t\(bounds)\t\(ImportReporter.size(area.size))\t\(metadata["imported"] ?? "?")\t"
                    + "\(metadata["source"] ?? "?")\n"
            case .failure(let error):
                lines += "\(area.name)\t(unreadable: \(error.reason))\t\(ImportReporter.size(area.size))\t-\t-\n"
            }
        }
        writeOutput(lines)
    }
}

/// `linq-map streets remove NAME`.
struct StreetsRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Delete an imported street area.")

    @Argument(help: "The area's name, as 'streets list' shows it.")
    var name: String

    mutating func run() throws {
        do throws(AreaNameError) {
            try StreetLibrary.validate(name: name)
        } catch {
            printError("linq-map: \(error.message)")
            throw ExitCode(ProgramExit.usage.code)
        }
        let library = StreetLibrary(directories: XDGDirectories(environment: ProcessInfo.processInfo.environment))
        let removed: Bool
        do throws(StorageError) {
            removed = try library.remove(name: name)
        } catch {
            printError("linq-map: cannot remove \(error.path): \(error.reason)")
            throw ExitCode(ProgramExit.ioError.code)
        }
        guard removed else {
            printError("linq-map: no street area named '\(name)'; see 'linq-map streets list'")
            throw ExitCode(ProgramExit.noInput.code)
        }
        printError("removed '\(name)'")
    }
}

/// The street layer of the viewer and `--once`: every imported area, memory-mapped (nothing else is read
/// until a view at zoom 11 or deeper touches an area).
func importedStreets(environment: [String: String]) -> StreetLayer {
    StreetLayer(source: StreetLibrary(directories: XDGDirectories(environment: environment)))
}
