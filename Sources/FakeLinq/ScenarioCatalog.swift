import Foundation

/// A scenario with a command-line name and a one-line description.
public struct NamedScenario: Sendable {
    /// The name `linq-fake-server --scenario` takes, e.g. `rate-limited`.
    public var name: String
    /// One line for `--help` and the start-up listing.
    public var summary: String
    /// The behaviour.
    public var scenario: Scenario

    /// Creates a named scenario.
    public init(name: String, summary: String, scenario: Scenario) {
        self.name = name
        self.summary = summary
        self.scenario = scenario
    }
}

/// Every scenario `linq-fake-server --scenario NAME` knows, in help order.
public enum ScenarioCatalog {
    /// The scenarios by name; `standard` keeps each chat's own behaviour.
    public static let all: [NamedScenario] = [
        NamedScenario(name: "around-the-world", summary: "8 participants on 6 continents", scenario: .aroundTheWorld),
        NamedScenario(name: "demo", summary: "the --demo simulation: moving, pausing", scenario: DemoChat.scenario),
        NamedScenario(name: "moving", summary: "3 people moving every poll", scenario: .moving),
        NamedScenario(
            name: "one-mover", summary: "4 people still, one crossing the Atlantic (for bytes per frame)",
            scenario: .oneMover),
        NamedScenario(name: "one-to-one", summary: "one participant (Ana)", scenario: .participants([Fixtures.ana])),
        NamedScenario(name: "empty", summary: "nobody shares: features []", scenario: .empty),
        NamedScenario(name: "3d", summary: "coordinates with altitude", scenario: .threeDimensional),
        NamedScenario(
            name: "missing-fields", summary: "address, locality, updated_at absent or null",
            scenario: .missingOptionalFields),
        NamedScenario(
            name: "odd-timestamps", summary: "fractional seconds, +05:30, no zone, garbage",
            scenario: .oddTimestamps),
        NamedScenario(
            name: "invalid-features", summary: "invalid features between two valid ones",
            scenario: .invalidAmongValid),
        NamedScenario(name: "unauthorized", summary: "401/2004", scenario: .unauthorized),
        NamedScenario(name: "forbidden", summary: "403/2005", scenario: .forbidden),
        NamedScenario(name: "not-found", summary: "404/2001", scenario: .notFound),
        NamedScenario(name: "server-error", summary: "500/3006 every time", scenario: .serverError),
        NamedScenario(
            name: "flaky", summary: "500/3006 for 2 polls, then the world chat",
            scenario: .serverErrorThenRecovery(failures: 2, then: .aroundTheWorld)),
        NamedScenario(
            name: "soak", summary: "the demo, with a 500/3006 every 7th poll",
            scenario: .intermittent(every: 7, with: .serverError, then: DemoChat.scenario)),
        NamedScenario(
            name: "no-retry", summary: "503/3006 with x-should-retry: false",
            scenario: .headers(
                ["x-should-retry": "false"],
                then: .apiError(status: 503, code: 3006, message: "Service unavailable"))),
        NamedScenario(
            name: "rate-limited", summary: "429 with Retry-After: 5", scenario: .rateLimited(retryAfter: .seconds(5))),
        NamedScenario(
            name: "rate-limited-long", summary: "429 with Retry-After: 1e9",
            scenario: .rateLimited(retryAfter: .text("1e9"))),
        NamedScenario(
            name: "retry-after-zero", summary: "429 with Retry-After: 0",
            scenario: .rateLimited(retryAfter: .seconds(0))),
        NamedScenario(
            name: "retry-after-negative", summary: "429 with Retry-After: -1",
            scenario: .rateLimited(retryAfter: .seconds(-1))),
        NamedScenario(
            name: "retry-after-past", summary: "429 with Retry-After an HTTP date an hour ago",
            scenario: .rateLimited(retryAfter: .date(fromNow: .seconds(-3600)))),
        NamedScenario(name: "redirect", summary: "302 to 127.0.0.2", scenario: .redirectElsewhere()),
        NamedScenario(name: "malformed-json", summary: "a 200 body cut off mid-feature", scenario: .malformedJSON),
        NamedScenario(name: "html-error", summary: "502 text/html from a proxy", scenario: .htmlErrorPage),
        NamedScenario(
            name: "slow", summary: "answers after 30 s",
            scenario: .delayed(.seconds(30), then: .aroundTheWorld)),
        NamedScenario(name: "oversized", summary: "11 MiB of valid JSON", scenario: .oversized),
        NamedScenario(name: "endless", summary: "a body that never ends", scenario: .endless),
        NamedScenario(name: "fifty-megabytes", summary: "50 MB of valid JSON", scenario: .fiftyMegabytes),
        NamedScenario(name: "success-false", summary: "200 with success: false", scenario: .successFalse),
        NamedScenario(name: "empty-500", summary: "500 with an empty body", scenario: .emptyServerError),
        NamedScenario(name: "headers-only", summary: "200 with an empty body", scenario: .headersOnly),
        NamedScenario(
            name: "non-finite", summary: "NaN, Infinity, 1e400 coordinates", scenario: .nonFiniteCoordinates),
        NamedScenario(name: "non-point", summary: "LineString, Polygon, MultiPoint", scenario: .nonPointFeatures),
        NamedScenario(name: "duplicates", summary: "one handle twice", scenario: .duplicateHandles),
        NamedScenario(name: "many", summary: "10,000 features", scenario: .manyFeatures()),
        NamedScenario(
            name: "rotating", summary: "8,000 participants, all new handles every poll (memory bound)",
            scenario: .rotating(count: 8_000)),
        NamedScenario(
            name: "long-localities", summary: "7 participants with 1 MB localities (text bound)",
            scenario: .longLocalities(count: 7, bytes: 1_000_000)),
        NamedScenario(name: "invalid-utf8", summary: "bytes FF FE 80 in a handle", scenario: .invalidUTF8),
        NamedScenario(name: "deep", summary: "JSON nested 100,000 deep", scenario: .deeplyNested()),
    ]

    /// The scenario called `name`, or nil.
    public static func named(_ name: String) -> NamedScenario? {
        all.first { $0.name == name }
    }
}
