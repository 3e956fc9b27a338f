import AsyncHTTPClient
import Foundation
import KubeAPI
public import Logging
import NIOCore
import NIOHTTP1
import NIOSSL

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
    let rateLimiter: RateLimiter
    let clock: any Clock<Duration>
    let logger: Logger
    /// Attempts for idempotent reads (connection errors, 5xx, 429) before giving up.
    let maximumReadAttempts = 3

    public init(configuration: ClientConfiguration, clock: some Clock<Duration> = ContinuousClock(), logger: Logger = Logger(label: "vane.client")) throws(KubeError) {
        self.configuration = configuration
        self.serverName = try TLSServerName.resolve(configuration)
        self.http = try HTTPTransport.makeClient(configuration, serverName: serverName)
        self.credentials = CredentialProvider(credentials: configuration.credentials, cluster: ExecPlugin.ClusterInfo(
            server: configuration.server, tlsServerName: configuration.tlsServerName,
            insecureSkipTLSVerify: configuration.insecureSkipTLSVerify, certificateAuthorityPEM: configuration.certificateAuthorityPEM
        ))
        self.rateLimiter = RateLimiter(qps: configuration.qps, burst: configuration.burst, clock: clock)
        self.clock = clock
        self.logger = logger
    }

    /// Closes the connection pool.
    public func shutdown() async throws {
        try await http.shutdown()
    }

    // MARK: Raw requests

    /// One HTTP exchange: rate limit, credentials, timeout, retries for idempotent reads and 429,
    /// classification of failures. Returns the body of a 2xx response.
    func send(
        _ method: HTTPMethod, path: String, query: [(String, String)] = [], body: [UInt8]? = nil,
        contentType: String = "application/json", timeout: Duration? = nil
    ) async throws(KubeError) -> [UInt8] {
        let url = configuration.server + path + Self.encode(query)
        let verb = method.rawValue
        let idempotent = method == .GET
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await exchange(method, url: url, body: body, contentType: contentType, timeout: timeout ?? configuration.requestTimeout)
            } catch let error as KubeError {
                let retryable: Bool
                var delay = Duration.milliseconds(100 * (1 << (attempt - 1)))
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
                guard retryable, attempt < maximumReadAttempts else { throw error }
                logger.debug("retrying", metadata: ["http.method": "\(verb)", "url": "\(url)", "error": "\(error.message)", "attempt": "\(attempt)"])
                do { try await clock.sleep(for: delay) } catch { throw KubeError(kind: .timeout, verb: verb, target: url, message: "cancelled") }
            } catch {
                throw KubeError(kind: .badResponse, verb: verb, target: url, message: "\(error)")
            }
        }
    }

    private func exchange(_ method: HTTPMethod, url: String, body: [UInt8]?, contentType: String, timeout: Duration) async throws -> [UInt8] {
        let verb = method.rawValue
        do { try await rateLimiter.acquire() } catch { throw KubeError(kind: .timeout, verb: verb, target: url, message: "cancelled while rate limited") }
        let request = try await makeRequest(method, url: url, body: body, contentType: contentType)
        let response: HTTPClientResponse
        let bytes: [UInt8]
        do {
            response = try await http.execute(request, timeout: TimeAmount(timeout))
            bytes = Array(try await response.body.collect(upTo: 256 * 1024 * 1024).readableBytesView)
        } catch {
            throw await TransportFailure.classify(error, verb: verb, url: url, configuration: configuration)
        }
        let code = Int(response.status.code)
        if (200..<300).contains(code) {
            if let status = Self.failureStatus(in: bytes) {
                throw KubeError.from(code: status.code ?? 500, status: status, verb: verb, target: url, retryAfter: nil)
            }
            return bytes
        }
        throw Self.responseError(code: code, bytes: bytes, retryAfterHeader: response.headers.first(name: "Retry-After"), verb: verb, url: url)
    }

    /// The request with the headers every call carries: Accept, User-Agent, credentials, content type.
    /// `url` names the configured server; with a `tls-server-name` the request is addressed to that name
    /// and carries the server's own `Host`, as Go's client sends it.
    func makeRequest(_ method: HTTPMethod, url: String, body: [UInt8]?, contentType: String) async throws(KubeError) -> HTTPClientRequest {
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

    /// The error for a non-2xx answer, from its Status body when there is one.
    static func responseError(code: Int, bytes: [UInt8], retryAfterHeader: String?, verb: String, url: String) -> KubeError {
        let status = try? KubeJSON.decode(Status.self, from: bytes)
        let retryAfter = retryAfterHeader.flatMap { Int($0) }.map { Duration.seconds($0) }
        var error = KubeError.from(code: code, status: status, verb: verb, target: url, retryAfter: retryAfter)
        if status == nil, !bytes.isEmpty {
            error.message = "the server answered \(code) with a body that is not a Status: \(String(decoding: bytes.prefix(200), as: UTF8.self))"
        }
        return error
    }

    /// A `Status` with `status: Failure` sent with a 2xx code (some aggregated APIs do this).
    static func failureStatus(in bytes: [UInt8]) -> Status? {
        guard bytes.count < 64 * 1024, let value = try? JSONParser.parse(bytes), value["kind"] == "Status",
              value["status"] == "Failure" else { return nil }
        return try? KubeJSON.decode(Status.self, from: value)
    }

    static func encode(_ query: [(String, String)]) -> String {
        guard !query.isEmpty else { return "" }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        return "?" + query.map { key, value in
            "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
        }.joined(separator: "&")
    }
}

/// Runs `body` with a client that is shut down afterwards, however `body` ends.
public func withKubeClient<T: Sendable>(_ configuration: ClientConfiguration, _ body: (KubeClient) async throws -> T) async throws -> T {
    let client = try KubeClient(configuration: configuration)
    do {
        let result = try await body(client)
        try await client.shutdown()
        return result
    } catch {
        try? await client.shutdown()
        throw error
    }
}
