import Foundation

/// Runs `body` on a thread of its own and returns its result, so blocking work (waiting for a process)
/// never holds one of the cooperative pool's threads.
///
/// NB: the pool has one thread per core (2 here); `FakeLinq` serves from that pool in the test process, so a
/// test that blocks it starves the server and the binary sees "no answer from 127.0.0.1 within 20.0 seconds".
func offPool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        let thread = Thread { continuation.resume(returning: body()) }
        thread.start()
    }
}

/// A child process started with `posix_spawn`: clean signal mask and default dispositions, only stdin, stdout
/// and stderr inherited.
///
/// NB: not Foundation's `Process`, for three reasons seen in this suite: its `waitUntilExit` never returned for
/// tmux clients that had already exited (they stayed zombies); the tmux server it started inherited the test
/// thread's blocked signals (SIGTERM among them), so `kill-server` could not end it; and every other open
/// descriptor of the test process (pipes, FakeLinq's listening sockets) leaked into the server.
struct SpawnedProcess: Sendable {
    /// The child's process id.
    let pid: pid_t

    /// Starts `path` with `arguments` and exactly `environment`; stdin from /dev/null, stdout and stderr to
    /// the given files (or /dev/null).
    init(
        path: String, arguments: [String], environment: [String: String], stdout: String? = nil,
        stderr: String? = nil
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // NB: glibc 2.34+ has it, but only under _GNU_SOURCE, which Swift's Glibc module does not define.
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
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard status == 0 else { throw SpawnError(path: path, errno: status) }
        self.pid = pid
    }

    /// Waits (blocking the calling thread) until the child ends; its exit status, or 128 + the signal's
    /// number when a signal ended it.
    func waitForExit() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            if errno != EINTR { return -1 }
        }
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    /// Waits off the cooperative pool.
    func exitStatus() async -> Int32 {
        let process = self
        return await offPool { process.waitForExit() }
    }
}

/// `posix_spawn` failed.
struct SpawnError: Error, CustomStringConvertible {
    var path: String
    var errno: Int32
    var description: String { "cannot start \(path): errno \(errno)" }
}
