import Foundation

/// Every `RawFaultServer.Fault` that `linq-fake-server --raw-fault NAME` knows, in help order.
public enum RawFaultCatalog {
    /// A fault with a command-line name and a one-line description.
    public struct Entry: Sendable {
        /// The name `--raw-fault` takes, e.g. `reset-mid-body`.
        public var name: String
        /// One line for `--help` and the start-up listing.
        public var summary: String
        /// What every connection gets.
        public var fault: RawFaultServer.Fault
    }

    /// The faults by name; the trickle sends one byte a second.
    public static let all: [Entry] = [
        Entry(name: "reset-mid-body", summary: "100 of 4096 promised bytes, then a TCP reset", fault: .resetMidBody),
        Entry(name: "short-body", summary: "100 of 4096 promised bytes, then a close", fault: .shortBodyThenClose),
        Entry(
            name: "content-length-never-arrives", summary: "100 of 4096 promised bytes, then silence",
            fault: .contentLengthNeverArrives),
        Entry(name: "trickle", summary: "a valid reply, one byte a second", fault: .trickle(interval: .seconds(1))),
        Entry(
            name: "endless-without-length", summary: "no Content-Length, a body that never ends",
            fault: .endlessWithoutLength),
        Entry(name: "headers-then-close", summary: "200 headers, then a close, no body", fault: .headersThenClose),
        Entry(name: "headers-then-hang", summary: "200 headers, then silence", fault: .headersThenHang),
        Entry(name: "close-without-response", summary: "reads the request, closes", fault: .closeWithoutResponse),
        Entry(name: "reset-without-response", summary: "reads the request, resets", fault: .resetWithoutResponse),
    ]

    /// The entry called `name`, or nil.
    public static func named(_ name: String) -> Entry? {
        all.first { $0.name == name }
    }
}
