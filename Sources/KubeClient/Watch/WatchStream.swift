import AsyncHTTPClient
public import KubeAPI
import NIOCore
import NIOHTTP1

/// A watch as an `AsyncSequence` of typed updates, decoded line by line from the streamed response.
///
/// Bookmarks are surfaced (they carry the version to resume from). An ERROR event with code 410
/// throws a `KubeError` of kind `.gone` — the caller relists. A stream that ends in the middle of an
/// event throws `.badResponse`; a clean end finishes the sequence (the caller re-watches from the
/// last version it saw).
public struct WatchStream<Object: Sendable>: AsyncSequence, Sendable {
    public typealias Element = WatchUpdate<Object>
    public typealias Failure = any Error

    let body: HTTPClientResponse.Body
    let url: String
    let decode: WatchDecoder<Object>

    public struct AsyncIterator: AsyncIteratorProtocol {
        var chunks: HTTPClientResponse.Body.AsyncIterator
        /// Bytes received and not yet consumed start at `consumed`; the prefix is dropped only when
        /// it is large, so a chunk holding many events is not shifted once per event.
        var pending: [UInt8] = []
        var consumed = 0
        let url: String
        let decode: WatchDecoder<Object>
        /// Set once the stream has thrown: it ends there, as a broken connection does.
        var failed = false

        @concurrent public mutating func next() async throws -> WatchUpdate<Object>? {
            guard !failed else { return nil }
            do {
                return try await nextUpdate()
            } catch {
                failed = true
                throw error
            }
        }

        @concurrent private mutating func nextUpdate() async throws(KubeError) -> WatchUpdate<Object>? {
            while true {
                if let newline = pending[consumed...].firstIndex(of: UInt8(ascii: "\n")) {
                    let line = pending[consumed..<newline]
                    consumed = newline + 1
                    if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) { continue }
                    return try update(from: Array(line))
                }
                let chunk: ByteBuffer?
                do {
                    chunk = try await chunks.next()
                } catch {
                    let place = pending.count > consumed ? " in the middle of an event" : ""
                    throw KubeError(
                        kind: .unreachable,
                        verb: "WATCH",
                        target: url,
                        message: "the watch stream broke\(place): \(error)"
                    )
                }
                if consumed > 0 {
                    pending.removeSubrange(..<consumed)
                    consumed = 0
                }
                guard let chunk else {
                    let rest = pending
                    pending = []
                    if rest.allSatisfy({
                        $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r")
                    }) {
                        return nil
                    }
                    // The last event may lack its newline; anything else is a truncated event.
                    guard let event = try? JSONParser.parse(rest) else {
                        throw KubeError(
                            kind: .badResponse,
                            verb: "WATCH",
                            target: url,
                            message:
                                "the watch stream ended in the middle of an event (\(rest.count) bytes of it received)"
                        )
                    }
                    return try update(from: event)
                }
                pending += chunk.readableBytesView
            }
        }

        private func update(from line: [UInt8]) throws(KubeError) -> WatchUpdate<Object> {
            let event: JSONValue
            do {
                event = try JSONParser.parse(line)
            } catch {
                let start = OneLineText.from(body: line, limit: 200)
                throw KubeError(
                    kind: .badResponse,
                    verb: "WATCH",
                    target: url,
                    message: "the watch stream sent a line that is not JSON (\(error)): \(start)"
                )
            }
            return try update(from: event)
        }

        private func update(from event: JSONValue) throws(KubeError) -> WatchUpdate<Object> {
            if event["kind"] == "Status" {
                // A bare Status where an event belongs: the server (or a proxy) failed the watch.
                let status = try? KubeJSON.decode(Status.self, from: event)
                throw KubeError.from(
                    code: status?.code ?? 500,
                    status: status,
                    verb: "WATCH",
                    target: url,
                    retryAfter: nil
                )
            }
            guard let type = event["type"]?.stringValue, let object = event["object"] else {
                throw KubeError(
                    kind: .badResponse,
                    verb: "WATCH",
                    target: url,
                    message: "a watch event without type or object"
                )
            }
            switch type {
            case "ADDED": return .added(try decode(object, url))
            case "MODIFIED": return .modified(try decode(object, url))
            case "DELETED": return .deleted(try decode(object, url))
            case "BOOKMARK":
                return .bookmark(resourceVersion: object[path: "metadata", "resourceVersion"]?.stringValue ?? "")
            case "ERROR":
                let status = try? KubeJSON.decode(Status.self, from: object)
                throw KubeError.from(
                    code: status?.code ?? 500,
                    status: status,
                    verb: "WATCH",
                    target: url,
                    retryAfter: nil
                )
            default:
                throw KubeError(
                    kind: .badResponse,
                    verb: "WATCH",
                    target: url,
                    message: "unknown watch event type \(type)"
                )
            }
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(chunks: body.makeAsyncIterator(), url: url, decode: decode)
    }
}

/// Turns the object of a watch event into the element type; `url` is the watch's, for error messages.
typealias WatchDecoder<Object> = @Sendable (_ object: JSONValue, _ url: String) throws(KubeError) -> Object

extension KubeClient {
    /// Watches a resource from `resourceVersion` (nil or "0": start with the current objects).
    public func watch(
        _ resource: ResourceDescriptor,
        namespace: String? = nil,
        resourceVersion: String? = nil,
        labelSelector: String? = nil,
        fieldSelector: String? = nil,
        allowBookmarks: Bool = true,
        timeoutSeconds: Int? = nil
    ) async throws(KubeError) -> WatchStream<JSONValue> {
        try await openWatch(
            resource,
            namespace: namespace,
            resourceVersion: resourceVersion,
            labelSelector: labelSelector,
            fieldSelector: fieldSelector,
            allowBookmarks: allowBookmarks,
            timeoutSeconds: timeoutSeconds
        ) { value, _ throws(KubeError) in value }
    }

    /// Watches typed objects.
    public func watch<T: KubeObject>(
        _ type: T.Type,
        namespace: String? = nil,
        resourceVersion: String? = nil,
        labelSelector: String? = nil,
        fieldSelector: String? = nil,
        allowBookmarks: Bool = true,
        timeoutSeconds: Int? = nil
    ) async throws(KubeError) -> WatchStream<T> {
        try await openWatch(
            T.resource,
            namespace: namespace,
            resourceVersion: resourceVersion,
            labelSelector: labelSelector,
            fieldSelector: fieldSelector,
            allowBookmarks: allowBookmarks,
            timeoutSeconds: timeoutSeconds
        ) { value, url throws(KubeError) in
            do {
                return try KubeJSON.decode(T.self, from: value)
            } catch {
                let name = value[path: "metadata", "name"]?.stringValue ?? "?"
                throw KubeError(
                    kind: .badResponse,
                    verb: "WATCH",
                    target: url,
                    message: "cannot decode \(T.self) \"\(name)\": \(KubeJSON.describe(error))"
                )
            }
        }
    }

    private func openWatch<Object: Sendable>(
        _ resource: ResourceDescriptor,
        namespace: String?,
        resourceVersion: String?,
        labelSelector: String?,
        fieldSelector: String?,
        allowBookmarks: Bool,
        timeoutSeconds: Int?,
        decode: @escaping WatchDecoder<Object>
    ) async throws(KubeError) -> WatchStream<Object> {
        var query: [(String, String)] = [("watch", "true")]
        if let resourceVersion, !resourceVersion.isEmpty { query.append(("resourceVersion", resourceVersion)) }
        if let labelSelector, !labelSelector.isEmpty { query.append(("labelSelector", labelSelector)) }
        if let fieldSelector, !fieldSelector.isEmpty { query.append(("fieldSelector", fieldSelector)) }
        if allowBookmarks { query.append(("allowWatchBookmarks", "true")) }
        if let timeoutSeconds { query.append(("timeoutSeconds", String(timeoutSeconds))) }
        let url = configuration.server + resource.collectionPath(namespace: namespace) + Self.encode(query)
        try await waitForRateLimit(verb: "WATCH", target: url)
        let request = try await makeRequest(.GET, url: url, body: nil, contentType: "application/json")
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: .hours(24 * 365))
        } catch {
            throw await TransportFailure.classify(error, verb: "WATCH", url: url, configuration: configuration)
        }
        let code = Int(response.status.code)
        guard (200..<300).contains(code) else {
            let bytes = (try? await response.body.collect(upTo: 1024 * 1024)).map { Array($0.readableBytesView) } ?? []
            throw Self.responseError(
                code: code,
                bytes: bytes,
                contentType: response.headers.first(name: "Content-Type"),
                retryAfterHeader: response.headers.first(name: "Retry-After"),
                verb: "WATCH",
                url: url
            )
        }
        return WatchStream(body: response.body, url: url, decode: decode)
    }
}
