import Foundation
import LocalFiles
import Streets

/// An imported area as `streets list` shows it.
public struct StreetArea: Sendable {
    /// The area's name (its file name).
    public var name: String
    /// The atlas, or why it cannot be read.
    public var atlas: Result<StreetAtlas, StreetAtlasError>
    /// The file's size in bytes.
    public var size: Int
}

/// A street name the user gave (or the input's stem) that cannot name a file.
public struct AreaNameError: Error, Equatable, Sendable {
    /// The rejected name.
    public var name: String

    /// One line for stderr.
    public var message: String {
        "invalid area name '\(name)': use letters, digits, '-', '_' or '.', not starting with '.'"
    }
}

/// The imported street atlases: one file per area in `$XDG_DATA_HOME/linq-map/streets/` (0700 folder,
/// 0600 files), each written to a temporary name and renamed, so an import replaces an area atomically and
/// a failed one leaves nothing behind.
public struct StreetLibrary: StreetSource {
    /// The folder holding the areas.
    public let folder: URL
    /// The areas opened (memory-mapped) when the library was opened; unreadable files are left out.
    public let atlases: [StreetAtlas]

    /// The library under `directories.data`, every readable area memory-mapped (nothing else is read).
    public init(directories: XDGDirectories) {
        folder = directories.data.appendingPathComponent("streets", isDirectory: true)
        atlases = StreetLibrary.areas(in: folder).compactMap { try? $0.atlas.get() }
    }

    /// The areas whose bounds overlap `box`.
    public func areas(overlapping box: UnitBox) -> [StreetAtlas] {
        atlases.filter { $0.bounds.overlaps(box) }
    }

    /// Every file in `folder` (hidden and temporary files aside), sorted by name, opened.
    public static func areas(in folder: URL) -> [StreetArea] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { name in
            let path = folder.appendingPathComponent(name).path
            do throws(PBFError) {
                let bytes = try MappedFile.map(path)
                do throws(StreetAtlasError) {
                    return StreetArea(name: name, atlas: .success(try StreetAtlas(bytes: bytes)), size: bytes.count)
                } catch {
                    return StreetArea(name: name, atlas: .failure(error), size: bytes.count)
                }
            } catch {
                return StreetArea(name: name, atlas: .failure(StreetAtlasError(error.message)), size: 0)
            }
        }
    }

    /// Checks that `name` can name an area file.
    public static func validate(name: String) throws(AreaNameError) {
        let allowed = name.unicodeScalars.allSatisfy { scalar in
            (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_.".unicodeScalars.contains(scalar))
        }
        guard !name.isEmpty, name.utf8.count <= 100, !name.hasPrefix("."), allowed else {
            throw AreaNameError(name: name)
        }
    }

    /// The default area name for an input path: its file name without `.osm.pbf` (or `.pbf`).
    public static func defaultName(for path: String) -> String {
        var name = (path as NSString).lastPathComponent
        for suffix in [".osm.pbf", ".pbf"] where name.lowercased().hasSuffix(suffix) {
            name = String(name.dropLast(suffix.count))
            break
        }
        return name
    }

    /// Writes `atlas` as area `name`, replacing any area of that name atomically.
    public func save(_ atlas: [UInt8], name: String) throws(StorageError) {
        let file = folder.appendingPathComponent(name)
        let result = atlas.withUnsafeBytes { bytes -> Result<Void, StorageError> in
            guard let base = bytes.baseAddress else {
                return .failure(StorageError(path: file.path, reason: "empty atlas"))
            }
            // The write reads the bytes while this closure runs: no copy of a large atlas is needed.
            let data = Data(
                bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none)
            do throws(StorageError) {
                try PrivateFiles.write(data, to: file)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }

    /// Deletes area `name`; false when there is none.
    public func remove(name: String) throws(StorageError) -> Bool {
        let file = folder.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: file.path) else { return false }
        guard unlink(file.path) == 0 else {
            throw StorageError(path: file.path, reason: String(cString: strerror(errno)))
        }
        return true
    }
}
