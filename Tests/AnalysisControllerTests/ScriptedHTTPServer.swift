import AnalysisController
import Foundation
import HTTPTypes
import Hummingbird
import KubeAPI
import Logging
import NIOCore
import Synchronization

/// A small HTTP server for provider tests: `/metrics` serves Prometheus text the test sets, and
/// any other path answers what the test scripted for it (status, body, delay). Every request is
/// recorded (method, path, headers, body) so tests can check what providers send.
final class ScriptedHTTPServer: Sendable {
    struct Reply: Sendable {
        var status: Int = 200
        var body: String
        var contentType = "application/json"
        var delay: Duration = .zero
    }

    struct Recorded: Sendable {
        var method: String
        var path: String
        var headers: [String: String]
        var body: String
    }

    private let replies = Mutex<[String: Reply]>([:])
    private let recorded = Mutex<[Recorded]>([])
    private let exposition = Mutex("")
    private let port = ReadySignal<Int>()

    func reply(_ path: String, _ reply: Reply) { replies.withLock { $0[path] = reply } }
    func expose(_ text: String) { exposition.withLock { $0 = text } }
    var requests: [Recorded] { self.recorded.withLock { $0 } }

    var baseURL: String {
        get async { "http://127.0.0.1:\((try? await port.wait()) ?? 0)" }
    }

    /// Runs the server for the duration of `body`.
    static func with<T: Sendable>(_ body: (ScriptedHTTPServer) async throws -> T) async throws -> T {
        let server = ScriptedHTTPServer()
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            _ = try await server.port.wait()
            defer { group.cancelAll() }
            return try await body(server)
        }
    }

    private func run() async throws {
        let router = Router()
        router.get("metrics") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: self.exposition.withLock { $0 }))
            )
        }
        for method in [HTTPRequest.Method.get, .post, .put] {
            router.on("**", method: method) { request, context in
                let body = try await request.body.collect(upTo: 1 << 20)
                let path = request.uri.path
                var headers: [String: String] = [:]
                for field in request.headers { headers[field.name.canonicalName] = field.value }
                self.recorded.withLock {
                    $0.append(
                        Recorded(
                            method: request.method.rawValue,
                            path: path,
                            headers: headers,
                            body: String(buffer: body)
                        )
                    )
                }
                guard let reply = self.replies.withLock({ $0[path] }) else {
                    return Response(status: .notFound, body: ResponseBody(byteBuffer: ByteBuffer(string: "no route")))
                }
                if reply.delay > .zero { try await Task.sleep(for: reply.delay) }
                return Response(
                    status: HTTPResponse.Status(code: reply.status),
                    headers: [.contentType: reply.contentType],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: reply.body))
                )
            }
        }
        let port = self.port
        var logger = Logger(label: "vane.test.http")
        logger.logLevel = .critical
        let application = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in port.resolve(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        try await application.run()
    }
}

extension ProviderHTTPClient {
    /// A client for the duration of `body`, shut down (its connections closed) before returning.
    static func with<T>(_ body: (ProviderHTTPClient) async throws -> T) async throws -> T {
        let http = ProviderHTTPClient()
        do {
            let result = try await body(http)
            await http.shutdown()
            return result
        } catch {
            await http.shutdown()
            throw error
        }
    }
}
