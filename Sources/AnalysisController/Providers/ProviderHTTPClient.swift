import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOSSL

/// The HTTP client the Prometheus and web providers share: one connection pool that verifies
/// certificates and one for metrics marked `insecure`. Every request is bounded by its timeout
/// (on the injected clock) from sending to the last byte of the answer; failures become one line
/// naming the host.
public final class ProviderHTTPClient: Sendable {
    private let verifying: HTTPClient
    private let insecure: HTTPClient
    private let clock: any Clock<Duration>
    /// Answers larger than this are refused.
    static let maximumBodySize = 16 * 1024 * 1024

    public init(clock: any Clock<Duration> = ContinuousClock()) {
        self.clock = clock
        // A connection that cannot be made fails the measurement with the reason at once, instead
        // of being retried until the timeout hides it.
        var settings = HTTPClient.Configuration()
        settings.connectionPool.retryConnectionEstablishment = false
        verifying = HTTPClient(eventLoopGroupProvider: .singleton, configuration: settings)
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        settings.tlsConfiguration = tls
        insecure = HTTPClient(eventLoopGroupProvider: .singleton, configuration: settings)
    }

    /// Closes both pools; call once, when the controller stops.
    public func shutdown() async {
        try? await verifying.shutdown()
        try? await insecure.shutdown()
    }

    struct Response: Sendable {
        var status: Int
        var body: [UInt8]
    }

    struct Failure: Error, Sendable, CustomStringConvertible {
        var description: String
    }

    func send(
        method: String,
        url: String,
        headers: [(String, String)],
        body: [UInt8]?,
        timeout: Duration,
        insecure: Bool
    ) async throws(Failure) -> Response {
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in headers { request.headers.replaceOrAdd(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let prepared = request
        let client = insecure ? self.insecure : verifying
        let host = Self.host(of: url)
        let clock = self.clock
        do {
            return try await withThrowingTaskGroup(of: Response?.self) { group in
                group.addTask {
                    let response = try await client.execute(
                        prepared,
                        timeout: .seconds(Int64(timeout.components.seconds) + 1)
                    )
                    let bytes = try await response.body.collect(upTo: Self.maximumBodySize)
                    return Response(status: Int(response.status.code), body: Array(buffer: bytes))
                }
                group.addTask {
                    try await clock.sleep(for: timeout)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let response = first else {
                    throw Failure(description: "no answer from \(host) within \(Self.seconds(timeout))")
                }
                return response
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: Self.describe(error, host: host, timeout: timeout))
        }
    }

    static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return attoseconds == 0 ? "\(seconds)s" : "\(Double(seconds) + Double(attoseconds) / 1e18)s"
    }

    static func host(of url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.firstRange(of: "://") { rest = rest[scheme.upperBound...] }
        return String(rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" })
    }

    private static func describe(_ error: any Error, host: String, timeout: Duration) -> String {
        if let client = error as? HTTPClientError {
            switch client {
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return "no answer from \(host) within \(seconds(timeout))"
            case .connectTimeout: return "cannot connect to \(host): connection timed out"
            case .remoteConnectionClosed: return "\(host) closed the connection"
            case .invalidURL, .emptyHost, .emptyScheme:
                return "invalid URL for \(host.isEmpty ? "the request" : host): \(client)"
            default: break
            }
        }
        if error is NIOSSLError || error is BoringSSLError { return "TLS handshake with \(host) failed: \(error)" }
        let text = "\(error)"
        if text.contains("onnection refused") || text.contains("ECONNREFUSED") {
            return "cannot connect to \(host): connection refused"
        }
        if error is IOError || error is ChannelError {
            return "cannot connect to \(host): \(text)"
        }
        return "request to \(host) failed: \(text)"
    }
}
