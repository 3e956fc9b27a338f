internal import AsyncHTTPClient
public import KubeAPI
import NIOCore
import NIOHTTP1

/// A deliberately plain HTTP client for tests of the embedded API server: it sends exactly the bytes and
/// headers a test gives it and returns status and body untouched, so server behaviour is tested without
/// Vane's own client in between.
public struct RawAPIClient: Sendable {
    public struct Reply: Sendable {
        public var status: Int
        public var body: [UInt8]
        public var headers: [(String, String)]

        /// The body parsed as JSON (`.null` when it is not JSON).
        public var json: JSONValue { (try? JSONParser.parse(body)) ?? .null }
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    public let baseURL: String
    public let token: String?

    public init(baseURL: String, token: String?) {
        self.baseURL = baseURL
        self.token = token
    }

    public func send(
        _ method: String,
        _ path: String,
        body: JSONValue? = nil,
        rawBody: [UInt8]? = nil,
        contentType: String = "application/json"
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = HTTPMethod(rawValue: method)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let bytes = rawBody ?? body.map({ JSONSerializer.serialize($0) }) {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(bytes: bytes))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let collected = try await response.body.collect(upTo: 64 * 1024 * 1024)
        return Reply(
            status: Int(response.status.code),
            body: Array(collected.readableBytesView),
            headers: response.headers.map { ($0.name, $0.value) }
        )
    }

    public func get(_ path: String) async throws -> Reply { try await send("GET", path) }
    public func post(_ path: String, _ body: JSONValue) async throws -> Reply {
        try await send("POST", path, body: body)
    }
    public func put(_ path: String, _ body: JSONValue) async throws -> Reply { try await send("PUT", path, body: body) }
    public func delete(_ path: String, _ body: JSONValue? = nil) async throws -> Reply {
        try await send("DELETE", path, body: body)
    }
    public func patch(_ path: String, _ body: JSONValue, type: String) async throws -> Reply {
        try await send("PATCH", path, body: body, contentType: type)
    }

    /// Opens a watch and returns its events (one JSON object per line) as they arrive.
    public func watch(_ path: String) async throws -> WatchLines {
        var request = HTTPClientRequest(url: baseURL + path)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        let response = try await Self.watchClient.execute(request, timeout: .seconds(3600))
        return WatchLines(body: response.body)
    }

    /// Watches hold their connection open, so they get a pool of their own: the shared client's
    /// eight connections per host would otherwise be used up by eight watches.
    private static let watchClient = HTTPClient(
        eventLoopGroup: HTTPClient.defaultEventLoopGroup,
        configuration: HTTPClient.Configuration(
            connectionPool: .init(
                idleTimeout: .seconds(60),
                concurrentHTTP1ConnectionsPerHostSoftLimit: 256
            )
        )
    )
}

/// The lines of a watch response, each parsed as JSON.
public struct WatchLines: AsyncSequence, Sendable {
    public typealias Element = JSONValue
    let body: HTTPClientResponse.Body

    public struct AsyncIterator: AsyncIteratorProtocol {
        var chunks: HTTPClientResponse.Body.AsyncIterator
        var pending: [UInt8] = []

        @concurrent public mutating func next() async throws -> JSONValue? {
            while true {
                if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = Array(pending[..<newline])
                    pending.removeSubrange(...newline)
                    if line.isEmpty { continue }
                    return try JSONParser.parse(line)
                }
                guard let chunk = try await chunks.next() else {
                    if pending.isEmpty { return nil }
                    defer { pending = [] }
                    return try JSONParser.parse(pending)
                }
                pending += chunk.readableBytesView
            }
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(chunks: body.makeAsyncIterator())
    }
}
