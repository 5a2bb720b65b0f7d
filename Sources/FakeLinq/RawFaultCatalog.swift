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
        Entry(name: "silent", summary: "reads the request, never answers", fault: .silent),
        Entry(
            name: "chunked-trailer", summary: "a valid chunked 200 with a trailer field",
            fault: .chunkedWithTrailer(status: 200, trailerBytes: 40)),
        Entry(
            name: "chunked-trailer-large", summary: "a valid chunked 200 with 48 KiB of trailer fields",
            fault: .chunkedWithTrailer(status: 200, trailerBytes: 48 << 10)),
        Entry(
            name: "error-with-trailer", summary: "a chunked 404 (code 2001) with a trailer field",
            fault: .chunkedWithTrailer(status: 404, trailerBytes: 40)),
        Entry(
            name: "endless-trailer", summary: "a chunked 200, then trailer fields without end", fault: .endlessTrailer),
        Entry(
            name: "gzip-bomb", summary: "gzip that inflates to zeros forever", fault: .compressionBomb(deflate: false)),
        Entry(
            name: "deflate-bomb", summary: "deflate that inflates to zeros forever",
            fault: .compressionBomb(deflate: true)),
        Entry(name: "unknown-encoding", summary: "Content-Encoding: snappy", fault: .unknownEncoding),
        Entry(name: "corrupt-encoding", summary: "Content-Encoding: gzip on a plain body", fault: .corruptEncoding),
        Entry(name: "broken-chunking", summary: "a chunk size that is not hexadecimal", fault: .brokenChunking),
        Entry(
            name: "endless-headers", summary: "a 200 status line, then header fields without end",
            fault: .endlessHeaders),
        Entry(
            name: "redirect-without-location", summary: "302 with no Location",
            fault: .redirect(status: 302, location: nil)),
        Entry(
            name: "redirect-bad-location", summary: "301 whose Location does not parse",
            fault: .redirect(status: 301, location: "http://[::1")),
        Entry(
            name: "redirect-relative", summary: "307 to a relative Location",
            fault: .redirect(status: 307, location: "/api/partner/v3/elsewhere")),
        Entry(
            name: "not-found-without-reason", summary: "HTTP/1.1 404 with no reason phrase",
            fault: .statusWithoutReason(404)),
        Entry(name: "conflicting-length", summary: "two different Content-Length fields", fault: .conflictingLength),
        Entry(name: "not-http", summary: "bytes that are not HTTP, then a close", fault: .notHTTP),
    ]

    /// The entry called `name`, or nil.
    public static func named(_ name: String) -> Entry? {
        all.first { $0.name == name }
    }
}
