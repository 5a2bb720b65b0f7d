#if DEBUG
    import Foundation

    /// A crash on purpose, for tests of the crash path (`LINQMAP_DEBUG_CRASH=trap|segv|abort|overflow` makes the
    /// viewer crash after its first frame). Compiled only into debug builds: a release binary has no such trigger.
    public enum DebugCrash: String, CaseIterable, Sendable {
        /// A Swift runtime trap (SIGILL or SIGTRAP).
        case trap
        /// A write through a bad pointer (SIGSEGV).
        case segv
        /// abort(3) (SIGABRT).
        case abort
        /// Unbounded recursion until the stack runs out (SIGSEGV).
        case overflow

        /// Crashes the process this way.
        public func crash() -> Never {
            switch self {
            case .segv:
                if let pointer = UnsafeMutablePointer<Int>(bitPattern: 8) { pointer.pointee = Int(getpid()) }
                fatalError("a write to address 8 did not fault")
            case .abort:
                abortProcess()
            case .overflow:
                _ = recurse(Int(getpid()))
                fatalError("unbounded recursion returned")
            case .trap:
                fatalError("linq-map debug crash (trap)")
            }
        }
    }

    /// abort(3), out of reach of the `abort` case's name.
    private func abortProcess() -> Never {
        abort()
    }

    @inline(never)
    private func recurse(_ depth: Int) -> Int {
        var frame = [Int](repeating: depth, count: 64)
        frame.withUnsafeMutableBufferPointer { $0[0] = recurse(depth &+ 1) }
        return frame[0] &+ frame[63]
    }
#endif
