import Foundation
import Glibc
import KubeAPI
import KubeTestKit

/// A real Prometheus server (Debian's `prometheus`, `$PROMETHEUS` to override) started for a test
/// on a free loopback port, scraping one target every second, with its data in a temporary
/// directory. Tests wait until the series they need are queryable.
struct PrometheusProcess {
    static var executable: String? {
        let candidates = [ProcessInfo.processInfo.environment["PROMETHEUS"], "/usr/bin/prometheus"].compactMap { $0 }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    let address: String

    /// Runs Prometheus scraping `target` (`host:port`) for the duration of `body`.
    static func with<T>(scraping target: String, _ body: (PrometheusProcess) async throws -> T) async throws -> T {
        guard let executable else { throw Missing() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "vane-prometheus-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = """
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: vane-test
                static_configs:
                  - targets: ["\(target)"]
            """
        let configFile = directory.appendingPathComponent("prometheus.yml")
        try configuration.write(to: configFile, atomically: true, encoding: .utf8)
        let port = try freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "--config.file=\(configFile.path)",
            "--storage.tsdb.path=\(directory.appendingPathComponent("data").path)",
            "--web.listen-address=127.0.0.1:\(port)",
            "--log.level=warn",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        return try await withTaskCancellationHandler {
            try await body(PrometheusProcess(address: "http://127.0.0.1:\(port)"))
        } onCancel: {
            process.terminate()
        }
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String { "prometheus is not installed (apt-get install prometheus, or set $PROMETHEUS)" }
    }

    /// A port nothing listens on right now (the kernel's choice for an ephemeral bind).
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw POSIXError(.EMFILE) }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Polls Prometheus until `query` returns a non-empty result (Prometheus scrapes on its own
    /// schedule, so this observes another process; bounded by `timeout`).
    func waitUntilQueryable(_ query: String, timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        let escaped = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? query
        let client = RawAPIClient(baseURL: address, token: nil)
        while ContinuousClock.now < deadline {
            if let reply = try? await client.get("/api/v1/query?query=\(escaped)"),
                reply.json["status"] == "success", reply.json[path: "data", "result"]?.arrayValue?.isEmpty == false
            {
                return
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw NotReady(query: query)
    }

    struct NotReady: Error, CustomStringConvertible {
        var query: String
        var description: String { "Prometheus did not return \(query) within the time allowed" }
    }
}
