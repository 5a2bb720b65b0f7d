// libFuzzer target over LinqModel's chat list decoding (GET /v3/chats): JSONValue.parse, APIResponse and
// ChatListDecoder. Built by fuzz/run.sh together with Sources/LinqModel/*.swift; not part of the package.
import Foundation

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("invariant broken: \(message())") }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let body = Data(bytes: data, count: size)
    let page: ChatPage
    do {
        page = try ChatListDecoder.page(status: 200, body: body)
    } catch {
        _ = error.message
        return 0
    }
    for chat in page.chats {
        check(!chat.id.isEmpty, "a chat without an id")
    }
    check(page.nextCursor.map { !$0.isEmpty } ?? true, "an empty next cursor")
    check(page.warnings.allSatisfy { $0.hasPrefix("skipped chat ") }, "an unexpected warning")
    return 0
}
