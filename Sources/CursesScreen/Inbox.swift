import Foundation
import Synchronization

/// Messages from any thread to the screen thread: a Mutex-guarded queue plus a non-blocking self-pipe whose
/// read end the screen thread polls next to stdin, so a post wakes it at once.
public final class Inbox<Message: Sendable>: Sendable {
    private let queue = Mutex<[Message]>([])
    /// The pipe's read end; readable whenever a message may be waiting.
    let readFD: Int32
    private let writeFD: Int32

    /// Creates the queue and its pipe (both ends non-blocking and close-on-exec).
    public init() throws(ScreenError) {
        var fds: [Int32] = [-1, -1]
        // NB: Glibc's pipe2 is not exported to Swift; pipe + fcntl does the same (docs/platform-notes.md, "Platforms").
        guard pipe(&fds) == 0 else { throw .systemCallFailed(call: "pipe", errno: errno) }
        for fd in fds {
            let flags = fcntl(fd, F_GETFL)
            guard flags >= 0, fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0, fcntl(fd, F_SETFD, FD_CLOEXEC) == 0
            else {
                let code = errno
                close(fds[0])
                close(fds[1])
                throw .systemCallFailed(call: "fcntl", errno: code)
            }
        }
        readFD = fds[0]
        writeFD = fds[1]
    }

    deinit {
        close(readFD)
        close(writeFD)
    }

    /// Queues `message` and wakes the screen thread; callable from any thread, never blocks.
    public func post(_ message: Message) {
        queue.withLock { $0.append(message) }
        var byte: UInt8 = 1
        // A full pipe (EAGAIN) already guarantees a wake-up, so the result does not matter.
        _ = write(writeFD, &byte, 1)
    }

    /// Takes every queued message, oldest first, and empties the pipe; an empty array when nothing is queued.
    func drain() -> [Message] {
        var scratch = [UInt8](repeating: 0, count: 256)
        while read(readFD, &scratch, scratch.count) > 0 {}
        // The pipe is emptied before the queue is taken: a post in between leaves a byte, so the next poll wakes.
        return queue.withLock { messages in
            let taken = messages
            messages.removeAll()
            return taken
        }
    }
}
