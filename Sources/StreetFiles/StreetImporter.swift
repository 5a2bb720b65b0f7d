import Foundation
import Streets

/// How far an import has got, for a progress bar or a line per stage.
public struct ImportProgress: Sendable {
    /// What the import is doing.
    public enum Stage: String, Sendable {
        case reading, resolving, writing
    }

    public var stage: Stage
    /// Bytes of the input read so far.
    public var bytesRead: Int
    /// The input's size in bytes.
    public var totalBytes: Int
    /// Nodes read so far.
    public var nodes: Int
    /// Ways read so far (all ways, kept or not).
    public var ways: Int
}

/// What an import read and wrote.
public struct ImportSummary: Sendable {
    public var nodes: Int
    public var ways: Int
    /// Ways kept as street-map lines.
    public var keptWays: Int
    /// Node references that pointed outside the extract (lines are cut there).
    public var missingNodes: Int
    /// The atlas's bytes.
    public var atlas: [UInt8]
    /// The box of everything kept.
    public var bounds: UnitBox?
}

/// Reads an `.osm.pbf` extract and builds a street atlas from it: the framing and blobs checked, zlib blobs
/// inflated, nodes kept in a `NodeStore`, the kept ways' references resolved once every node is read (so
/// files of any order work), then lines simplified and tiled per level.
public struct StreetImporter {
    /// The language of `name:xx` tags preferred over `name`, or nil for `name` only.
    public var language: String?

    /// Creates an importer.
    public init(language: String? = nil) {
        self.language = language
    }

    /// Imports the file's `bytes` (memory-mapped); `source` and `now` go into the atlas's metadata.
    /// `progress` is called at most every 64 blocks and at each stage.
    public func run(
        _ bytes: Data, source: String, now: Date, progress: (ImportProgress) -> Void = { _ in }
    ) throws(PBFError) -> ImportSummary {
        var sink = ImportSink(language: language)
        // Extracts take 12 to 30 bytes a node; reserve for the densest.
        sink.nodes.reserve(bytes.count / 12)
        let total = bytes.count
        try StreetImporter.read(bytes, into: &sink, progress: progress)
        progress(
            ImportProgress(
                stage: .resolving, bytesRead: total, totalBytes: total, nodes: sink.nodes.count, ways: sink.wayCount))
        let missing = sink.resolve()
        progress(
            ImportProgress(
                stage: .writing, bytesRead: total, totalBytes: total, nodes: sink.nodeTotal, ways: sink.wayCount))
        let metadata = [
            ("source", source),
            ("imported", ISO8601DateFormatter.string(from: now, timeZone: .gmt, formatOptions: .withInternetDateTime)),
            ("nodes", "\(sink.nodeTotal)"), ("ways", "\(sink.wayCount)"), ("lines", "\(sink.builder.lineCount)"),
            ("language", language ?? ""),
        ]
        return ImportSummary(
            nodes: sink.nodeTotal, ways: sink.wayCount, keptWays: sink.keptWays, missingNodes: missing,
            atlas: sink.builder.encoded(metadata: metadata), bounds: nil)
    }

    /// Reads every frame of the file's bytes into `sink`: the framing first (headers only), then the data
    /// blocks in order, inflated ahead on worker threads.
    private static func read(
        _ bytes: Data, into sink: inout ImportSink, progress: (ImportProgress) -> Void
    ) throws(PBFError) {
        let total = bytes.count
        progress(ImportProgress(stage: .reading, bytesRead: 0, totalBytes: total, nodes: 0, ways: 0))
        let framing = bytes.withUnsafeBytes { raw in
            Result { () throws(PBFError) -> [InflatePipeline.Job] in
                var framer = PBFFramer(raw)
                var jobs: [InflatePipeline.Job] = []
                var inflater = Inflater()
                var sawHeader = false
                while let frame = try framer.next() {
                    switch frame.kind {
                    case .header:
                        try withPayload(of: frame, inflater: &inflater) { (block) throws(PBFError) in
                            try PBFFramer.checkHeader(block, origin: frame.offset)
                        }
                        sawHeader = true
                    case .data:
                        guard sawHeader else {
                            throw .notPBF(offset: frame.offset, detail: "a data block before the header block")
                        }
                        jobs.append(InflatePipeline.Job(frameOffset: frame.offset, blob: frame.blobOffset..<frame.end))
                    case .other: continue
                    }
                }
                return jobs
            }
        }
        let jobs = try framing.get()
        let pipeline = InflatePipeline(bytes: bytes, jobs: jobs)
        pipeline.start(workers: 2)
        defer { pipeline.stop() }
        for (index, job) in jobs.enumerated() {
            let block = try pipeline.take(index)
            let decoded = block.withUnsafeBytes { raw in
                Result { () throws(PBFError) in try PrimitiveBlock.decode(raw, into: &sink) }
            }
            do throws(PBFError) {
                try decoded.get()
            } catch {
                throw located(error, frameOffset: job.frameOffset)
            }
            if index % 64 == 63 {
                progress(
                    ImportProgress(
                        stage: .reading, bytesRead: job.blob.upperBound, totalBytes: total, nodes: sink.nodes.count,
                        ways: sink.wayCount))
            }
        }
    }

    /// Calls `body` with the frame's block bytes, inflating zlib blobs.
    private static func withPayload(
        of frame: PBFFrame, inflater: inout Inflater, _ body: (UnsafeRawBufferPointer) throws(PBFError) -> Void
    ) throws(PBFError) {
        switch try PBFFramer.payload(of: frame) {
        case .raw(let bytes): try body(bytes)
        case .zlib(let bytes, let rawSize):
            try inflater.inflate(bytes, rawSize: rawSize, offset: frame.offset, body)
        }
    }

    /// An error from inside an inflated block, located at its frame's file offset (offsets inside inflated
    /// data mean nothing to someone looking at the file).
    static func located(_ error: PBFError, frameOffset: Int) -> PBFError {
        switch error {
        case .truncated(let offset, let detail), .corrupt(let offset, let detail):
            .corrupt(offset: frameOffset, detail: "\(detail) (byte \(offset) of the block's data)")
        default: error
        }
    }
}

/// The import's state while blocks stream past: nodes, the kept ways' references, names.
struct ImportSink: PrimitiveBlockSink {
    var nodes = NodeStore()
    var builder = StreetAtlasBuilder()
    var wayCount = 0
    var keptWays = 0
    /// Nodes read, kept after `resolve` frees the node store.
    private(set) var nodeTotal = 0
    private let language: [UInt8]?
    private var wayClasses: [UInt8] = []
    private var wayNames: [Int32] = []
    private var wayStarts: [Int] = [0]
    private var refs: [Int64] = []
    /// Per string-table entry of the current block: its key meaning (0 unknown, 1 name, 2 localized name,
    /// 3 a class key).
    private var keyKinds: [UInt8] = []
    private var table: [UnsafeRawBufferPointer] = []
    /// Per string-table entry: its index in the atlas's name table, -2 until asked.
    private var nameCache: [Int32] = []
    /// Ways before this index have gone to the builder.
    private var resolvedWays = 0
    private var missing = 0
    private var hint = 0
    private var points: [Int32] = []
    /// Sorted extracts hold every node before the first way: from then on each way is resolved as it is
    /// read, while the workers inflate the next blocks. A node after a way (an unsorted file) undoes that,
    /// and every way is resolved at the end instead.
    private var isStreaming = false
    private var isUnsorted = false

    init(language: String?) {
        self.language = language.map { Array("name:\($0)".utf8) }
    }

    mutating func strings(_ table: [UnsafeRawBufferPointer]) throws(PBFError) {
        self.table = table
        keyKinds = table.map { bytes in
            switch Tag.key(bytes) {
            case .name?: 1
            case nil: language.map { bytes.elementsEqual($0) ? 2 : 0 } ?? 0
            default: 3
            }
        }
        nameCache = Array(repeating: -2, count: table.count)
    }

    @inline(__always)
    mutating func node(id: Int64, lat: Int32, lon: Int32) {
        if isStreaming { restartLines() }
        nodes.append(id: id, lat: lat, lon: lon)
    }

    mutating func way(_ way: PBFWay) throws(PBFError) {
        wayCount += 1
        var best: StreetClass?
        var name = -1
        var localized = -1
        let count = table.count
        try way.forEachTag { (key, value) throws(PBFError) in
            guard key < count, value < count else {
                throw .corrupt(offset: way.origin, detail: "way \(way.id) has a tag outside the string table")
            }
            switch keyKinds[key] {
            case 1: name = value
            case 2: localized = value
            case 3:
                if let found = StreetClass.of(key: table[key], value: table[value]),
                    found.rawValue > best?.rawValue ?? 0 || best == nil
                {
                    best = found
                }
            default: break
            }
        }
        guard let best else { return }
        keptWays += 1
        let chosen = localized >= 0 ? localized : name
        var nameIndex: Int32 = -1
        if chosen > 0 {
            if nameCache[chosen] == -2 {
                let text = String(decoding: table[chosen], as: UTF8.self)
                nameCache[chosen] = text.isEmpty ? -1 : builder.nameIndex(for: text)
            }
            nameIndex = nameCache[chosen]
        }
        try way.forEachRef { refs.append($0) }
        wayClasses.append(best.rawValue)
        wayNames.append(nameIndex)
        wayStarts.append(refs.count)
        if !isStreaming && !isUnsorted {
            nodes.sort()
            nodes.makeIndex()
            isStreaming = true
        }
        if isStreaming {
            resolveWay(wayClasses.count - 1)
            resolvedWays = wayClasses.count
        }
    }

    /// A node after the ways began: the lines made so far may lack it, so all are made again at the end.
    private mutating func restartLines() {
        isStreaming = false
        isUnsorted = true
        builder.removeLines()
        resolvedWays = 0
        missing = 0
    }

    /// Hands way `way`'s line to the builder, cut where a node is missing from the extract.
    private mutating func resolveWay(_ way: Int) {
        guard let streetClass = StreetClass(rawValue: wayClasses[way]) else { return }
        points.removeAll(keepingCapacity: true)
        let name = wayNames[way]
        for position in wayStarts[way]..<wayStarts[way + 1] {
            if let index = nodes.index(of: refs[position], hint: hint) {
                hint = index
                points.append(nodes.coordinates[2 * index])
                points.append(nodes.coordinates[2 * index + 1])
            } else {
                missing += 1
                points.withUnsafeBufferPointer { builder.add(streetClass, name: name, points: $0) }
                points.removeAll(keepingCapacity: true)
            }
        }
        points.withUnsafeBufferPointer { builder.add(streetClass, name: name, points: $0) }
    }

    /// Looks up the nodes of every kept way not yet resolved and hands the lines to the builder, cutting a
    /// line where a node is missing from the extract. Returns how many references were missing.
    mutating func resolve() -> Int {
        nodeTotal = nodes.count
        if resolvedWays < wayClasses.count {
            nodes.sort()
            nodes.makeIndex()
            for way in resolvedWays..<wayClasses.count { resolveWay(way) }
        }
        refs = []
        // The builder holds every line now: the node store's memory goes back before the atlas is encoded.
        nodes = NodeStore()
        return missing
    }
}
