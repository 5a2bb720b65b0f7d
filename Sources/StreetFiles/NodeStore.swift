/// Node locations for an import, in flat arrays: ids and interleaved coordinates (1e-7 degrees), sorted by
/// id for binary search. Sixteen bytes a node, no object per node.
struct NodeStore {
    private(set) var ids: [Int64] = []
    private(set) var coordinates: [Int32] = []
    private var isSorted = true

    var count: Int { ids.count }

    /// Reserves room for `count` nodes: growing by doubling would copy the arrays a dozen times. Pages
    /// reserved but never written cost no memory.
    mutating func reserve(_ count: Int) {
        ids.reserveCapacity(count)
        coordinates.reserveCapacity(2 * count)
    }

    mutating func append(id: Int64, lat: Int32, lon: Int32) {
        if let last = ids.last, id <= last { isSorted = false }
        ids.append(id)
        coordinates.append(lon)
        coordinates.append(lat)
    }

    /// Sorts by id when the file was not (extracts are usually sorted already; this is then free).
    mutating func sort() {
        guard !isSorted else { return }
        let order = ids.indices.sorted { ids[$0] < ids[$1] }
        ids = order.map { ids[$0] }
        let old = coordinates
        coordinates = []
        coordinates.reserveCapacity(old.count)
        for index in order {
            coordinates.append(old[2 * index])
            coordinates.append(old[2 * index + 1])
        }
        isSorted = true
    }

    /// Every 128th id, built by `makeIndex`: a binary search there (in cache) finds the block of 128 ids
    /// to search, so a lookup touches a few cache lines of the big array rather than twenty-five.
    private var sample: [Int64] = []
    private static let sampleShift = 7

    /// Builds the sampled index; call once after the last `append` and `sort`.
    mutating func makeIndex() {
        sample = stride(from: 0, to: ids.count, by: 1 << NodeStore.sampleShift).map { ids[$0] }
    }

    /// The index of node `id`, or nil when the extract does not hold it; `hint` (the last index found)
    /// makes runs of consecutive ids cost one comparison.
    func index(of id: Int64, hint: Int) -> Int? {
        ids.withUnsafeBufferPointer { ids -> Int? in
            let count = ids.count
            if hint + 1 < count, ids[hint + 1] == id { return hint + 1 }
            let block = sample.withUnsafeBufferPointer { sample -> Int in
                // The last sample at or below `id`.
                var low = 0
                var high = sample.count
                while low < high {
                    let middle = (low &+ high) >> 1
                    if sample[middle] <= id { low = middle &+ 1 } else { high = middle }
                }
                return low - 1
            }
            guard block >= 0 else { return nil }
            var low = block << NodeStore.sampleShift
            var high = min(count, low + (1 << NodeStore.sampleShift))
            while low < high {
                let middle = (low &+ high) >> 1
                if ids[middle] < id { low = middle &+ 1 } else { high = middle }
            }
            return low < count && ids[low] == id ? low : nil
        }
    }
}
