import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How one run of a hook ended.
public enum HookOutcome: Hashable, Sendable {
    /// The program exited 0.
    case succeeded
    /// The program exited with this non-zero status; `detail` is the last line it wrote to standard error.
    case failed(status: Int32, detail: String?)
    /// A signal ended the program.
    case signalled(Int32)
    /// The program ran past the time limit and was killed (with its process group).
    case timedOut(Duration)
    /// The program could not be started; `reason` is the system's word for it.
    case couldNotStart(reason: String)
    /// Too many runs were waiting already: this one was dropped.
    case dropped(waiting: Int)

    /// One line for the status bar and the event log, naming the program (`program`); nil on success.
    public func problem(program: String) -> String? {
        let name = (program as NSString).lastPathComponent
        switch self {
        case .succeeded: return nil
        case .failed(let status, let detail?): return "hook \(name) exited \(status): \(detail)"
        case .failed(let status, nil): return "hook \(name) exited \(status)"
        case .signalled(let signal): return "hook \(name) ended by signal \(signal)"
        case .timedOut(let limit): return "hook \(name) killed after \(limit.components.seconds)s"
        case .couldNotStart(let reason): return "hook \(name) could not start: \(reason)"
        case .dropped(let waiting): return "hook \(name) not run: \(waiting) already waiting"
        }
    }
}

/// Runs the `--on-event` program once per event (issue 13): directly with `posix_spawn`, never through a shell;
/// the event's JSON on standard input, `LINQ_MAP_EVENT=<kind>` added to the environment; at most
/// `maximumRunning` at once (the rest wait in order); each killed, with the processes it started, after `timeout`.
///
/// A run never touches the terminal: standard input is a file holding the JSON, standard output goes to
/// /dev/null, standard error to a file whose last line explains a failure; the program runs in a process group
/// of its own with default signal handling, so the viewer's keys and ignored signals do not reach it. `run`
/// returns at once; `finished` is called (on a thread of the runner's) with each outcome.
public final class HookRunner: Sendable {
    /// The program's path.
    public let program: String
    /// How long a run may take before it is killed.
    public let timeout: Duration
    /// How many runs at once.
    public let maximumRunning: Int
    /// How many runs may wait; past that, an event's run is dropped (`HookOutcome.dropped`), so a burst of events
    /// cannot hold unbounded memory.
    public let maximumWaiting: Int
    private let environment: [String: String]
    private let finished: @Sendable (HookOutcome) -> Void
    private let state = Mutex(Queue())

    private struct Job: Sendable {
        var input: String
        var kind: String
    }

    private struct Queue: Sendable {
        var running = 0
        var waiting: [Job] = []
    }

    /// A runner of `program` (a path; see `resolve`) with `environment` as the base of each run's.
    public init(
        program: String, environment: [String: String], timeout: Duration = .seconds(10), maximumRunning: Int = 4,
        maximumWaiting: Int = 1_000, finished: @escaping @Sendable (HookOutcome) -> Void
    ) {
        self.program = program
        self.environment = environment
        self.timeout = timeout
        self.maximumRunning = max(1, maximumRunning)
        self.maximumWaiting = max(0, maximumWaiting)
        self.finished = finished
    }

    /// How many runs are going and how many wait.
    public var load: (running: Int, waiting: Int) {
        state.withLock { ($0.running, $0.waiting.count) }
    }

    /// Runs the program with `input` on standard input and `LINQ_MAP_EVENT=kind`, now or when a run ends.
    public func run(input: String, kind: String) {
        let decision = state.withLock { queue -> HookOutcome? in
            guard queue.running < maximumRunning else {
                guard queue.waiting.count < maximumWaiting else { return .dropped(waiting: queue.waiting.count) }
                queue.waiting.append(Job(input: input, kind: kind))
                return .succeeded
            }
            queue.running += 1
            return nil
        }
        switch decision {
        case nil: launch(Job(input: input, kind: kind))
        case .dropped?: decision.map(finished)
        default: break
        }
    }

    /// `program` as `execvp` finds it: a name with a `/` as it is, else the first executable file of that name in
    /// `path` (`PATH`'s folders); nil when there is none.
    public static func resolve(_ program: String, path: String?) -> String? {
        if program.contains("/") { return access(program, X_OK) == 0 && !isFolder(program) ? program : nil }
        for folder in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = (folder.isEmpty ? "." : String(folder)) + "/" + program
            if access(candidate, X_OK) == 0 && !isFolder(candidate) { return candidate }
        }
        return nil
    }

    private static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private func launch(_ job: Job) {
        let thread = Thread { [self] in
            let outcome = execute(job)
            finished(outcome)
            let next = state.withLock { queue -> Job? in
                guard !queue.waiting.isEmpty else {
                    queue.running -= 1
                    return nil
                }
                return queue.waiting.removeFirst()
            }
            if let next { launch(next) }
        }
        thread.start()
    }

    /// Runs one job to its end (blocking this thread).
    private func execute(_ job: Job) -> HookOutcome {
        guard let input = Self.scratchFile(contents: job.input) else {
            return .couldNotStart(reason: "no temporary file for the event: \(String(cString: strerror(errno)))")
        }
        defer { close(input) }
        guard let errors = Self.scratchFile(contents: "") else {
            return .couldNotStart(reason: "no temporary file for its errors: \(String(cString: strerror(errno)))")
        }
        defer { close(errors) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, errors, 2)
        // NB: glibc 2.34+ has it, but only under _GNU_SOURCE, which Swift's Glibc module does not define; without
        // it the program would inherit the viewer's other descriptors (the terminal's, the screen's pipe).
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        if let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") {
            _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        // The viewer ignores SIGINT, SIGTERM, SIGHUP and SIGTSTP, and ignored signals stay ignored across exec.
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        var variables = environment
        variables["LINQ_MAP_EVENT"] = job.kind
        let argv = [strdup(program)] + [nil]
        let envp = variables.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        var status = posix_spawn(&pid, program, &actions, &attributes, argv, envp)
        // NB: ETXTBSY while another process still holds the file open for writing (an editor saving the script,
        // or a fork of this process that has not reached exec yet); it passes within milliseconds (execve(2)).
        for _ in 0..<10 where status == ETXTBSY {
            usleep(20_000)
            status = posix_spawn(&pid, program, &actions, &attributes, argv, envp)
        }
        guard status == 0 else { return .couldNotStart(reason: String(cString: strerror(status))) }

        // The kill and the reaping take turns under one lock, so a process id the system has already reused is
        // never signalled: the timer kills only while the child is unreaped.
        let reaped = Mutex((done: false, killed: false))
        let timeout = timeout
        let child = pid
        DispatchQueue.global().asyncAfter(deadline: .now() + Self.seconds(timeout)) {
            reaped.withLock { state in
                guard !state.done else { return }
                state.killed = true
                kill(-child, SIGKILL)
                kill(child, SIGKILL)
            }
        }
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == -1 && errno == EINTR {}
        var exitStatus: Int32 = 0
        let killed = reaped.withLock { state -> Bool in
            state.done = true
            while waitpid(pid, &exitStatus, 0) == -1 && errno == EINTR {}
            return state.killed
        }
        if killed { return .timedOut(timeout) }
        let signal = exitStatus & 0x7F
        if signal != 0 { return .signalled(signal) }
        let code = (exitStatus >> 8) & 0xFF
        return code == 0 ? .succeeded : .failed(status: code, detail: Self.lastLine(of: errors))
    }

    /// An unlinked temporary file holding `contents`, positioned at its start; nil when none could be made.
    private static func scratchFile(contents: String) -> Int32? {
        let folder = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(folder)/linq-map-hook-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemp($0) } ?? -1
        }
        guard descriptor >= 0 else { return nil }
        template.withUnsafeBufferPointer { buffer in _ = buffer.baseAddress.map { unlink($0) } }
        let bytes = Array(contents.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else {
                close(descriptor)
                return nil
            }
            written += result
        }
        lseek(descriptor, 0, SEEK_SET)
        return descriptor
    }

    /// The last non-empty line of the first 4 KiB after the file's last 4 KiB start, cut to 120 characters.
    private static func lastLine(of descriptor: Int32) -> String? {
        let size = lseek(descriptor, 0, SEEK_END)
        guard size > 0 else { return nil }
        let start = max(0, size - 4096)
        var buffer = [UInt8](repeating: 0, count: Int(size - start))
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, start) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer.prefix(count), as: UTF8.self)
        let line = text.split(whereSeparator: \.isNewline).last.map {
            String(String.UnicodeScalarView($0.unicodeScalars.filter { $0.properties.generalCategory != .control }))
                .trimmingCharacters(in: .whitespaces)
        }
        guard let line, !line.isEmpty else { return nil }
        return line.count > 120 ? String(line.prefix(119)) + "…" : line
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
