import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// What one HTTP attempt ended with.
enum AttemptResult: Sendable {
    /// A complete response (any status), headers keyed in lowercase.
    case response(status: Int, headers: [String: String], body: Data)
    /// The body was larger than the cap; the transfer was cancelled.
    case tooLarge
    /// The attempt's deadline or the idle timeout passed.
    case timedOut
    /// The connection could not be made or broke; `reason` is one line without secrets.
    case connectionFailed(reason: String)
    /// The caller cancelled the attempt.
    case cancelled
}

/// One GET whose body is capped at `maxBytes` and whose redirects are refused.
///
/// NB: FoundationNetworking has no `bytes(for:)` and `data(for:)` buffers the whole body, so this is a
/// delegate-based data task: Content-Length is checked on the response, bytes are counted as they arrive, and
/// the task is cancelled exactly once (cancelling on every later callback let gigabytes through; NOTES §8).
/// Redirects return nil from `willPerformHTTPRedirection`, because FoundationNetworking would otherwise resend
/// the Authorization header to the new host (measured, NOTES §8).
final class BoundedTransfer: NSObject, URLSessionDataDelegate, Sendable {
    private struct State {
        var body = Data()
        var response: HTTPURLResponse?
        var isTooLarge = false
        var isCancelledByCaller = false
        var isTaskCancelled = false
        var task: URLSessionTask?
        var result: AttemptResult?
        var continuation: CheckedContinuation<AttemptResult, Never>?
    }

    private let maxBytes: Int
    private let state = Mutex(State())

    /// Where every URLSession call runs. NB: FoundationNetworking's `resume()` and `cancel()` wait synchronously
    /// for the session's work queue, which a fast sender keeps busy (measured: seconds on a loaded 2-core
    /// machine). On the cooperative pool that blocks one of its two threads and starves every task; on the
    /// delegate queue it stalls delivery while the data already read piles up. GCD's global queue adds threads.
    private static let controlQueue = DispatchQueue.global(qos: .userInitiated)

    /// Creates a transfer that accepts at most `maxBytes` of body.
    init(maxBytes: Int) {
        self.maxBytes = maxBytes
    }

    /// Performs `request` on a session of its own (idle timeout `idleTimeout` seconds); returns when the
    /// transfer has ended, or at once with `.cancelled` when the calling task is cancelled.
    func run(_ request: URLRequest, idleTimeout: TimeInterval) async -> AttemptResult {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let early = state.withLock { state -> AttemptResult? in
                    if let result = state.result { return result }
                    state.continuation = continuation
                    return nil
                }
                if let early {
                    continuation.resume(returning: early)
                } else {
                    Self.controlQueue.async { self.start(request, idleTimeout: idleTimeout) }
                }
            }
        } onCancel: {
            let task = state.withLock { state -> URLSessionTask? in
                state.isCancelledByCaller = true
                return state.task
            }
            if let task { cancelOnce(task) }  // else `start` sees the flag and never starts the task
            finish(.cancelled)
        }
    }

    /// Makes the session and starts the task, unless the caller already gave up. Runs on `controlQueue`.
    private func start(_ request: URLRequest, idleTimeout: TimeInterval) {
        let configuration = URLSessionConfiguration.ephemeral
        // NB: on Linux this is an idle timer, not a deadline, and the resource timeout is ignored (NOTES §8);
        // the caller races the transfer against its own deadline.
        configuration.timeoutIntervalForRequest = idleTimeout
        configuration.timeoutIntervalForResource = idleTimeout
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        let session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
        let task = session.dataTask(with: request)
        let shouldStart = state.withLock { state -> Bool in
            state.task = task
            return !state.isCancelledByCaller
        }
        if shouldStart {
            task.resume()
        } else {
            cancelOnce(task)  // never started; cancelling lets the session invalidate
        }
        // NB: not invalidateAndCancel(), which cancels again: a second cancel() let an endless body run on
        // (NOTES §8). This lets the task finish, then releases the session's strong hold on its delegate.
        session.finishTasksAndInvalidate()
    }

    /// Cancels `task` the first time only: repeated cancels let an endless body run on (NOTES §8).
    private func cancelOnce(_ task: URLSessionTask) {
        let isFirst = state.withLock { state in
            defer { state.isTaskCancelled = true }
            return !state.isTaskCancelled
        }
        if isFirst {
            Self.controlQueue.async { task.cancel() }
        }
    }

    /// Ends the transfer with `result` unless it already ended; resumes the waiting caller once.
    private func finish(_ result: AttemptResult) {
        let continuation = state.withLock { state -> CheckedContinuation<AttemptResult, Never>? in
            guard state.result == nil else { return nil }
            state.result = result
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume(returning: result)
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        let isTooLarge = state.withLock { state -> Bool in
            state.response = response as? HTTPURLResponse
            if response.expectedContentLength > Int64(maxBytes) {
                state.isTooLarge = true
            }
            return state.isTooLarge
        }
        // NB: FoundationNetworking ignores `.cancel` here (measured: the body kept coming), so a declared length
        // over the cap is refused by cancelling the task ourselves, the same single cancel as below.
        completionHandler(.allow)
        if isTooLarge {
            cancelOnce(dataTask)
            finish(.tooLarge)
        }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let shouldCancel = state.withLock { state -> Bool in
            guard !state.isTooLarge, !state.isCancelledByCaller else { return false }
            if state.body.count + data.count > maxBytes {
                state.isTooLarge = true
                state.body = Data()  // let the memory go now; the body is refused anyway
                return true
            }
            state.body.append(data)
            return false
        }
        if shouldCancel {
            cancelOnce(dataTask)  // later callbacks see isTooLarge and drop their data above
            finish(.tooLarge)
        }
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)  // never follow: the 3xx itself becomes the response
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let outcome = state.withLock { state -> AttemptResult in
            if state.isTooLarge { return .tooLarge }
            if state.isCancelledByCaller { return .cancelled }
            if let error { return Self.result(for: error, url: task.originalRequest?.url) }
            guard let response = state.response else {
                return .connectionFailed(reason: "no HTTP response")
            }
            var headers: [String: String] = [:]
            for (name, value) in response.allHeaderFields {
                headers[String(describing: name).lowercased()] = String(describing: value)
            }
            return .response(status: response.statusCode, headers: headers, body: state.body)
        }
        finish(outcome)
    }

    private static func result(for error: any Error, url: URL?) -> AttemptResult {
        let host = url?.host ?? "the server"
        guard let urlError = error as? URLError else {
            return .connectionFailed(reason: "network error talking to \(host)")
        }
        switch urlError.code {
        case .timedOut:
            return .timedOut
        case .cancelled:
            return .cancelled
        case .cannotConnectToHost:
            return .connectionFailed(reason: "cannot connect to \(host)")
        case .cannotFindHost, .dnsLookupFailed:
            return .connectionFailed(reason: "cannot resolve \(host)")
        case .networkConnectionLost:
            return .connectionFailed(reason: "connection to \(host) lost")
        case .notConnectedToInternet:
            return .connectionFailed(reason: "not connected to the internet")
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateHasUnknownRoot, .serverCertificateNotYetValid:
            return .connectionFailed(reason: "TLS connection to \(host) failed")
        default:
            return .connectionFailed(reason: "network error talking to \(host) (URLError \(urlError.code.rawValue))")
        }
    }
}
