import Foundation
import History

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Gathers trail points row by row for `SQLiteHistoryStore.trails`, then splits them by handle.
///
/// Rows come by `seen_at`, each poll's participants in the order it listed them, so the next row's handle is
/// guessed as the one after the last row's and compared byte for byte (`memcmp`) before a dictionary is asked.
/// Rows go into flat arrays (one append each, no array per handle to grow) and are split at the end.
struct TrailCollector {
    private var handles: [[UInt8]] = []
    private var indexByHandle: [[UInt8]: Int] = [:]
    private var owners: [Int32] = []
    private var points: [TrailPoint] = []
    private var storedAt: [Double] = []
    private var last = -1

    /// Adds `point` of the participant whose handle is `handle` (UTF-8 bytes), stored at `recordedAt` (Unix
    /// seconds).
    mutating func add(handle: UnsafeRawBufferPointer, recordedAt: Double, point: TrailPoint) {
        let index = index(of: handle)
        owners.append(Int32(truncatingIfNeeded: index))
        points.append(point)
        storedAt.append(recordedAt)
        last = index
    }

    /// The trails, ordered by handle, each in the order its rows were stored.
    func trails() -> [Trail] {
        var split = [[Int]](repeating: [], count: handles.count)
        for (row, owner) in owners.enumerated() { split[Int(owner)].append(row) }
        return handles.indices.map { index in
            var rows = split[index]
            let isOrdered = zip(rows, rows.dropFirst()).allSatisfy { storedAt[$0] <= storedAt[$1] }
            if !isOrdered { rows.sort { storedAt[$0] < storedAt[$1] } }
            return Trail(handle: String(decoding: handles[index], as: UTF8.self), points: rows.map { points[$0] })
        }
        .sorted { $0.handle < $1.handle }
    }

    private mutating func index(of handle: UnsafeRawBufferPointer) -> Int {
        let guess = last + 1 < handles.count ? last + 1 : 0
        if guess < handles.count, Self.equal(handles[guess], handle) { return guess }
        let key = Array(handle)
        if let known = indexByHandle[key] { return known }
        indexByHandle[key] = handles.count
        handles.append(key)
        return handles.count - 1
    }

    private static func equal(_ stored: [UInt8], _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard stored.count == bytes.count else { return false }
        guard let base = bytes.baseAddress else { return stored.isEmpty }
        return stored.withUnsafeBytes { storedBytes in
            guard let storedBase = storedBytes.baseAddress else { return false }
            return memcmp(storedBase, base, bytes.count) == 0
        }
    }
}
