package import Foundation
import KubeAPI
import Synchronization

/// Runs a client-go exec credential plugin (`client.authentication.k8s.io/v1` or `v1beta1`) and reads
/// the `ExecCredential` it prints: how AKS (kubelogin), EKS (aws eks get-token) and GKE
/// (gke-gcloud-auth-plugin) users authenticate.
struct ExecPlugin {
    struct Credential {
        var token: String
        var expiration: Date?
    }

    /// What a plugin with `provideClusterInfo: true` is told about the cluster (`spec.cluster`).
    struct ClusterInfo: Sendable {
        var server: String
        var tlsServerName: String?
        var insecureSkipTLSVerify: Bool
        var certificateAuthorityPEM: String?
    }

    static let supportedVersions = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"]

    let config: Kubeconfig.ExecConfig
    let kubeconfigPath: String
    /// Passed in `KUBERNETES_EXEC_INFO` only when the kubeconfig asks for it (`provideClusterInfo`).
    var cluster: ClusterInfo?

    func run() async throws(KubeError) -> Credential {
        let name = config.command
        guard Self.supportedVersions.contains(config.apiVersion) else {
            throw failure(
                "exec plugin \(name): unsupported apiVersion \(config.apiVersion) (supported: \(Self.supportedVersions.joined(separator: ", ")))"
            )
        }
        let output: (status: Int32, stdout: Data, stderr: Data)
        do {
            output = try await execute()
        } catch {
            throw failure("exec plugin \(name) could not be started: \(KubeconfigLoader.reason(error))")
        }
        guard output.status == 0 else {
            let detail =
                String(decoding: output.stderr, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
            throw failure(
                "exec plugin \(name) failed with exit status \(output.status)\(detail.isEmpty ? "" : ": \(detail)")"
            )
        }
        let credential: JSONValue
        do {
            credential = try JSONParser.parse(Array(output.stdout))
        } catch {
            throw failure("exec plugin \(name) printed something that is not an ExecCredential: \(error)")
        }
        guard credential["kind"] == "ExecCredential" else {
            throw failure(
                "exec plugin \(name): expected kind ExecCredential, found \(credential["kind"]?.stringValue ?? "none")"
            )
        }
        guard let token = credential[path: "status", "token"]?.stringValue, !token.isEmpty else {
            throw failure(
                "exec plugin \(name): status.token is missing (client certificates from plugins are not supported yet)"
            )
        }
        let expiry = credential[path: "status", "expirationTimestamp"]?.stringValue.flatMap(RFC3339.parse)
        return Credential(token: token, expiration: expiry)
    }

    /// The `ExecCredential` request client-go passes in `KUBERNETES_EXEC_INFO`: never interactive here
    /// (a controller has no terminal), with the cluster when the kubeconfig provides it.
    var execInfo: JSONValue {
        var info: JSONValue = [
            "apiVersion": .string(config.apiVersion), "kind": "ExecCredential", "spec": ["interactive": false],
        ]
        if config.provideClusterInfo, let cluster {
            var spec: JSONValue = ["server": .string(cluster.server)]
            if let name = cluster.tlsServerName, !name.isEmpty { spec.setValue(.string(name), at: ["tls-server-name"]) }
            if cluster.insecureSkipTLSVerify { spec.setValue(true, at: ["insecure-skip-tls-verify"]) }
            if let authority = cluster.certificateAuthorityPEM {
                spec.setValue(.string(Data(authority.utf8).base64EncodedString()), at: ["certificate-authority-data"])
            }
            info.setValue(spec, at: ["spec", "cluster"])
        }
        return info
    }

    private func failure(_ message: String) -> KubeError {
        KubeError(kind: .unauthorized, verb: "exec", target: kubeconfigPath, message: message)
    }

    private func execute() async throws -> (status: Int32, stdout: Data, stderr: Data) {
        let process = Process()
        if config.command.contains("/") {
            process.executableURL = URL(filePath: config.command)
            process.arguments = config.args
        } else {
            process.executableURL = URL(filePath: "/usr/bin/env")
            process.arguments = [config.command] + config.args
        }
        var environment = ProcessInfo.processInfo.environment
        environment.merge(config.env) { _, new in new }
        environment["KUBERNETES_EXEC_INFO"] = String(decoding: JSONSerializer.serialize(execInfo), as: UTF8.self)
        process.environment = environment
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        let collectedOut = PipeCollector(stdout.fileHandleForReading)
        let collectedErr = PipeCollector(stderr.fileHandleForReading)
        let resumed = Mutex(false)
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in
                let first = resumed.withLock { done in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(returning: finished.terminationStatus) }
            }
            do {
                try process.run()
            } catch {
                let first = resumed.withLock { done in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(throwing: error) }
            }
        }
        return (status, collectedOut.finish(), collectedErr.finish())
    }
}

/// Reads a pipe while the child runs, so a chatty child never blocks on a full pipe.
/// (Package-visible: the test kit drives kubectl with it too.)
package final class PipeCollector: Sendable {
    private final class Buffer: Sendable {
        let data = Mutex(Data())
    }

    private let buffer = Buffer()
    private let handle: FileHandle

    package init(_ handle: FileHandle) {
        self.handle = handle
        let buffer = self.buffer
        handle.readabilityHandler = { handle in
            let chunk = handle.availableData
            if chunk.isEmpty { handle.readabilityHandler = nil } else { buffer.data.withLock { $0.append(chunk) } }
        }
    }

    package func finish() -> Data {
        handle.readabilityHandler = nil
        let rest = (try? handle.readToEnd()) ?? Data()
        return buffer.data.withLock { $0 + rest }
    }
}
