import LinqModel

/// Why an `.osm.pbf` file could not be read: what failed, where (the byte offset in the file), and what to
/// do, in one line for stderr; each maps to one exit status.
public enum PBFError: Error, Equatable, Sendable {
    /// The file ends inside a block: it was cut short (an interrupted download).
    case truncated(offset: Int, detail: String)
    /// The bytes are not an OpenStreetMap PBF file (wrong framing or header at `offset`).
    case notPBF(offset: Int, detail: String)
    /// A block's protocol-buffer data is malformed.
    case corrupt(offset: Int, detail: String)
    /// A blob is compressed with a method linq-map does not read (lzma, bzip2, lz4, zstd).
    case unsupportedCompression(offset: Int, method: String)
    /// The header block requires a feature linq-map does not read (history, changesets...).
    case unsupportedFeature(offset: Int, feature: String)
    /// A blob or blob header is larger than the format allows (32 MiB, 64 KiB).
    case blobTooLarge(offset: Int, size: Int, limit: Int)
    /// The file does not exist.
    case missing(path: String)
    /// The file could not be opened or read.
    case unreadable(path: String, reason: String)

    /// One line for stderr.
    public var message: String {
        switch self {
        case .truncated(let offset, let detail):
            "truncated .osm.pbf at byte \(offset): \(detail); download the extract again"
        case .notPBF(let offset, let detail):
            "not an .osm.pbf file (byte \(offset): \(detail)); import an OpenStreetMap extract in PBF format"
        case .corrupt(let offset, let detail):
            "corrupt .osm.pbf at byte \(offset): \(detail); download the extract again"
        case .unsupportedCompression(let offset, let method):
            "unsupported compression \(method) in the blob at byte \(offset); linq-map reads raw and zlib blobs"
                + " (convert with 'osmium cat -o out.osm.pbf in.osm.pbf')"
        case .unsupportedFeature(let offset, let feature):
            "the .osm.pbf header at byte \(offset) requires '\(feature)', which linq-map does not read;"
                + " use a plain extract (no history or change files)"
        case .blobTooLarge(let offset, let size, let limit):
            "blob at byte \(offset) is \(size) bytes, over the format's limit of \(limit); the file is corrupt"
        case .missing(let path):
            "no such file: \(path)"
        case .unreadable(let path, let reason):
            "cannot read \(path): \(reason)"
        }
    }

    /// 65 for bad data, 66 for a missing file, 74 for I/O errors.
    public var exit: ProgramExit {
        switch self {
        case .missing: .noInput
        case .unreadable: .ioError
        default: .dataError
        }
    }
}
