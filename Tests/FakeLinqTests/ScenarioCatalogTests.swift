import FakeLinq
import Foundation
import Testing

struct ScenarioCatalogTests {
    @Test func namesAreUniqueAndFindable() {
        let names = ScenarioCatalog.all.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(!names.contains("standard"))
        for name in names {
            #expect(ScenarioCatalog.named(name)?.name == name)
        }
        #expect(ScenarioCatalog.named("nope") == nil)
    }

    @Test func everyScenarioHasASummary() {
        #expect(ScenarioCatalog.all.allSatisfy { !$0.summary.isEmpty })
    }
}
