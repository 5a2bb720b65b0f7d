import LinqModel
import Testing

@Test func sameSeedGivesSameSequence() {
    var first = SplitMix64(seed: 42)
    var second = SplitMix64(seed: 42)
    let a = (0..<8).map { _ in first.next() }
    let b = (0..<8).map { _ in second.next() }
    #expect(a == b)
    #expect(Set(a).count == 8)
}

@Test func knownFirstValueForSeedZero() {
    // Reference value of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
    var generator = SplitMix64(seed: 0)
    #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
}
