import FakeLinq
import Testing

struct RawFaultCatalogTests {
    @Test func everyNameIsUniqueAndFindsItself() {
        let names = RawFaultCatalog.all.map(\.name)
        #expect(Set(names).count == names.count)
        for name in names {
            #expect(RawFaultCatalog.named(name)?.name == name)
        }
        #expect(RawFaultCatalog.named("nope") == nil)
    }

    @Test func everyFaultHasASummaryAndADistinctFault() {
        #expect(RawFaultCatalog.all.allSatisfy { !$0.summary.isEmpty })
        #expect(Set(RawFaultCatalog.all.map(\.fault)).count == RawFaultCatalog.all.count)
    }
}
