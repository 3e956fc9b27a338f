import AsyncHTTPClient
import Foundation
import KubeAPI
public import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import Synchronization

/// Talks to one Kubernetes API server: typed and dynamic verbs, watches, client-side rate limiting,
/// retries for reads, and errors that name the operation, the host and the reason.
///
/// Each client owns its HTTP connection pool; call `shutdown()` when done (or use `withKubeClient`).
public final class KubeClient: Sendable {
    public let configuration: ClientConfiguration
    let http: HTTPClient
    /// Set when the kubeconfig names the server certificate differently from the server's host.
    let serverName: TLSServerName?
    let credentials: CredentialProvider
    /// Client-side rate limit (`qps`/`burst`), over the time since the client was made.
    let rateLimit: Mutex<TokenBucket>
    let clock: any Clock<Duration>
    /// Time passed on `clock` since the client was made.
    let uptime: @Sendable () -> Duration
    /// Starts measuring time on `clock`; the returned function says how much has passed.
    let startStopwatch: @Sendable () -> @Sendable () -> Duration
    let logger: Logger
    /// Attempts for idempotent reads (connection errors, 5xx, 429) before giving up.
    let maximumReadAttempts = 3
    /// Waits between attempts: 100 ms, then 200 ms (a `Retry-After` overrides it).
    static let retryBackoff = Backoff(initial: .milliseconds(100), maximum: .seconds(10))
    /// A larger answer is refused rather than held in memory.
    static let maximumResponseSize = 256 * 1024 * 1024

    public init(
        configuration: ClientConfiguration,
        clock: some Clock<Duration> = ContinuousClock(),
        logger: Logger = Logger(label: "vane.client")
    ) throws(KubeError) {
        self.configuration = configuration
        self.serverName = try TLSServerName.resolve(configuration)
        self.http = try HTTPTransport.makeClient(configuration, serverName: serverName)
        self.credentials = CredentialProvider(
            credentials: configuration.credentials,
            cluster: ExecPlugin.ClusterInfo(
                server: configuration.server,
                tlsServerName: configuration.tlsServerName,
                insecureSkipTLSVerify: configuration.insecureSkipTLSVerify,
                certificateAuthorityPEM: configuration.certificateAuthorityPEM
            ),
            execTimeout: configuration.execPluginTimeout,
            clock: clock
        )
        self.rateLimit = Mutex(TokenBucket(ratePerSecond: configuration.qps, burst: configuration.burst))
        self.clock = clock
        self.uptime = Self.stopwatch(clock)
        self.startStopwatch = { Self.stopwatch(clock) }
        self.logger = logger
    }

    /// Closes the connection pool.
    public func shutdown() async throws {
        try await http.shutdown()
    }

    // MARK: Raw requests

    /// One API call: rate limit, credentials, retries for idempotent reads and 429, classification of
    /// failures. Returns the JSON body of a 2xx response.
    ///
    /// `timeout` (default: the configuration's) bounds the whole call, retries and their waits included,
    /// so a caller that must finish by a deadline (a fenced write) is never kept longer.
    func send(
        _ method: HTTPMethod,
        path: String,
        query: [(String, String)] = [],
        body: [UInt8]? = nil,
        contentType: String = "application/json",
        timeout: Duration? = nil
    ) async throws(KubeError) -> JSONValue {
        let url = configuration.server + path + Self.encode(query)
        let verb = method.rawValue
        let idempotent = method == .GET
        let budget = timeout ?? configuration.requestTimeout
        let elapsed = startStopwatch()
        var attempt = 0
        while true {
            attempt += 1
            do {
                let remaining = budget - elapsed()
                guard remaining > .zero else {
                    throw KubeError(
                        kind: .timeout,
                        verb: verb,
                        target: url,
                        message: "no answer from \(configuration.host) within the request timeout"
                    )
                }
                return try await exchange(method, url: url, body: body, contentType: contentType, timeout: remaining)
            } catch let error as KubeError {
                let retryable: Bool
                var delay = Self.retryBackoff.delay(afterFailures: attempt)
                switch error.kind {
                case .tooManyRequests(let retryAfter):
                    retryable = true
                    if let retryAfter { delay = retryAfter }
                case .unreachable: retryable = idempotent || error.requestNotSent
                case .server: retryable = idempotent
                case .unauthorized:
                    // An exec plugin's token may have expired early: fetch a new one once.
                    retryable = attempt == 1 && { if case .exec = configuration.credentials { true } else { false } }()
                    await credentials.invalidate()
                    delay = .zero
                default: retryable = false
                }
                // A wait that would outlast the timeout is not worth starting: the caller gets the answer now.
                guard retryable, attempt < maximumReadAttempts, elapsed() + delay < budget else { throw error }
                logger.debug(
                    "retrying",
                    metadata: [
                        LogKey.httpMethod: "\(verb)", LogKey.httpURL: "\(url)", LogKey.error: "\(error.message)",
                        LogKey.httpAttempt: "\(attempt)",
                    ]
                )
                do { try await clock.sleep(for: delay) } catch {
                    throw KubeError(kind: .cancelled, verb: verb, target: url, message: "cancelled")
                }
            } catch {
                throw KubeError(kind: .badResponse, verb: verb, target: url, message: "\(error)")
            }
        }
    }

    private func exchange(
        _ method: HTTPMethod,
        url: String,
        body: [UInt8]?,
        contentType: String,
        timeout: Duration
    ) async throws -> JSONValue {
        let verb = method.rawValue
        try await waitForRateLimit(verb: verb, target: url)
        let request = try await makeRequest(method, url: url, body: body, contentType: contentType)
        let response: HTTPClientResponse
        let bytes: [UInt8]
        do {
            response = try await http.execute(request, timeout: TimeAmount(timeout))
            bytes = Array(try await response.body.collect(upTo: Self.maximumResponseSize).readableBytesView)
        } catch is NIOTooManyBytesError {
            throw KubeError(
                kind: .badResponse,
                verb: verb,
                target: url,
                message: "\(configuration.host) answered with more than \(Self.maximumResponseSize / 1024 / 1024) MiB"
            )
        } catch {
            throw await TransportFailure.classify(error, verb: verb, url: url, configuration: configuration)
        }
        let code = Int(response.status.code)
        let type = response.headers.first(name: "Content-Type")
        guard (200..<300).contains(code) else {
            let retryAfter = response.headers.first(name: "Retry-After")
            throw Self.responseError(
                code: code,
                bytes: bytes,
                contentType: type,
                retryAfterHeader: retryAfter,
                verb: verb,
                url: url
            )
        }
        return try Self.successBody(code: code, bytes: bytes, contentType: type, verb: verb, url: url)
    }

    /// Takes a token of the client-side rate limit, waiting on the clock when none is left.
    func waitForRateLimit(verb: String, target: String) async throws(KubeError) {
        let now = uptime()
        let wait = rateLimit.withLock { $0.reserve(at: now) }
        guard wait > .zero else { return }
        do { try await clock.sleep(for: wait) } catch {
            throw KubeError(kind: .cancelled, verb: verb, target: target, message: "cancelled while rate limited")
        }
    }

    /// The request with the headers every call carries: Accept, User-Agent, credentials, content type.
    /// `url` names the configured server; with a `tls-server-name` the request is addressed to that name
    /// and carries the server's own `Host`, as Go's client sends it.
    func makeRequest(
        _ method: HTTPMethod,
        url: String,
        body: [UInt8]?,
        contentType: String
    ) async throws(KubeError) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: serverName?.requestURL(for: url) ?? url)
        request.method = method
        if let serverName { request.headers.add(name: "Host", value: serverName.hostHeader) }
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: configuration.userAgent)
        if let authorization = try await credentials.authorization(verb: method.rawValue, target: url) {
            request.headers.add(name: "Authorization", value: authorization)
        }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        return request
    }

    /// The error for a non-2xx answer, from its Status body when there is one, else from the start of the body.
    static func responseError(
        code: Int,
        bytes: [UInt8],
        contentType: String?,
        retryAfterHeader: String?,
        verb: String,
        url: String
    ) -> KubeError {
        let status = Self.status(in: bytes)
        let retryAfter = retryAfterHeader.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.map {
            Duration.seconds(max($0, 0))
        }
        var error = KubeError.from(code: code, status: status, verb: verb, target: url, retryAfter: retryAfter)
        if status == nil, !bytes.isEmpty {
            error.message =
                "the server answered \(code)\(Self.describe(contentType)) with a body that is not a Status: "
                + OneLineText.from(body: bytes, limit: 200)
        }
        return error
    }

    /// The JSON of a 2xx answer. A body that is not JSON, and a `Status` with `status: Failure` (some
    /// aggregated APIs answer so), are errors.
    static func successBody(
        code: Int,
        bytes: [UInt8],
        contentType: String?,
        verb: String,
        url: String
    ) throws(KubeError) -> JSONValue {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            let message =
                bytes.isEmpty
                ? "the server answered \(code) with an empty body"
                : "the server answered \(code)\(Self.describe(contentType)) with a body that is not JSON (\(error)): "
                    + OneLineText.from(body: bytes, limit: 200)
            throw KubeError(kind: .badResponse, verb: verb, target: url, message: message)
        }
        guard value["kind"] == "Status", value["status"] == "Failure" else { return value }
        let status = try? KubeJSON.decode(Status.self, from: value)
        if let statusCode = status?.code, statusCode >= 400 {
            throw KubeError.from(code: statusCode, status: status, verb: verb, target: url, retryAfter: nil)
        }
        let reason = [status?.message, status?.reason].compactMap { $0 }.first { !$0.isEmpty } ?? "no message"
        throw KubeError(
            kind: .badResponse,
            verb: verb,
            target: url,
            status: status,
            message: "the server answered \(code) with a Status of Failure: \(reason)"
        )
    }

    /// The `Status` in an error body, if it is one (`kind: Status`): any JSON object would decode as an
    /// empty Status and hide what the server said.
    static func status(in bytes: [UInt8]) -> Status? {
        guard let value = try? JSONParser.parse(bytes), value["kind"] == "Status" else { return nil }
        return try? KubeJSON.decode(Status.self, from: value)
    }

    private static func describe(_ contentType: String?) -> String {
        guard let contentType, !contentType.isEmpty else { return "" }
        return " (\(OneLineText.from(contentType, limit: 60)))"
    }

    /// A function returning the time passed on `clock` since this call.
    static func stopwatch<C: Clock<Duration>>(_ clock: C) -> @Sendable () -> Duration {
        let start = clock.now
        return { start.duration(to: clock.now) }
    }

    static func encode(_ query: [(String, String)]) -> String {
        guard !query.isEmpty else { return "" }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        return "?"
            + query.map { key, value in
                "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
            }.joined(separator: "&")
    }
}

/// Runs `body` with a client that is shut down afterwards, however `body` ends.
public func withKubeClient<T: Sendable>(
    _ configuration: ClientConfiguration,
    clock: some Clock<Duration> = ContinuousClock(),
    _ body: (KubeClient) async throws -> T
) async throws -> T {
    let client = try KubeClient(configuration: configuration, clock: clock)
    do {
        let result = try await body(client)
        try await client.shutdown()
        return result
    } catch {
        try? await client.shutdown()
        throw error
    }
}
