/// The one-character labels of participants: 1-9 then A-Z in order of first appearance, `*` past 35.
///
/// A handle keeps its label for the whole run, also while it is not sharing, so a participant who
/// returns gets the same label back.
public struct LabelBook: Hashable, Sendable {
    /// The labels handed out, in order: 35 characters.
    public static let sequence: [Character] = Array("123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    /// The label of every participant past the 35th.
    public static let overflow: Character = "*"

    private var rankByHandle: [String: Int] = [:]
    /// The rank the next new handle gets: ranks are never reused, so forgetting keeps the order of appearance.
    private var nextRank = 0

    /// Creates an empty book.
    public init() {}

    /// How many handles have a label.
    public var count: Int { rankByHandle.count }

    /// The label of `handle`, handing out the next one when the handle is new.
    @discardableResult
    public mutating func assign(_ handle: String) -> Character {
        // Through the subscript's default: one hash of the handle, whether it is new or not.
        let candidate = nextRank
        let rank = Self.value(of: &rankByHandle[handle, default: candidate])
        if rank == candidate { nextRank += 1 }
        return LabelBook.label(forRank: rank)
    }

    private static func value(of rank: inout Int) -> Int { rank }

    /// Makes room for `count` handles without growing again.
    public mutating func reserveCapacity(_ count: Int) {
        rankByHandle.reserveCapacity(count)
    }

    /// Forgets `handle`: if it appears again, it gets the next label as a new handle would.
    public mutating func forget(_ handle: String) {
        rankByHandle[handle] = nil
    }

    /// The label of `handle`, or nil when it never appeared.
    public func label(of handle: String) -> Character? {
        rankByHandle[handle].map(LabelBook.label(forRank:))
    }

    /// The 0-based order of first appearance of `handle`, which is also the panel's sort order.
    public func rank(of handle: String) -> Int? {
        rankByHandle[handle]
    }

    /// The label for the 0-based order of first appearance `rank`.
    public static func label(forRank rank: Int) -> Character {
        rank >= 0 && rank < sequence.count ? sequence[rank] : overflow
    }
}
