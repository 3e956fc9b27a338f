import Foundation
import KubeAPI
import Subprocess

#if canImport(System)
import System
#else
import SystemPackage
#endif

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
    /// How long the plugin may run before it is stopped and the request fails: client-go waits for ever,
    /// but a controller whose login hangs must say so rather than hang with it.
    var timeout: Duration = .seconds(30)
    var clock: any Clock<Duration> = ContinuousClock()

    func run() async throws(KubeError) -> Credential {
        let name = config.command
        guard Self.supportedVersions.contains(config.apiVersion) else {
            throw failure(
                "exec plugin \(name): unsupported apiVersion \(config.apiVersion) (supported: \(Self.supportedVersions.joined(separator: ", ")))"
            )
        }
        let output = try await execute()
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

    /// Output beyond this is refused: an `ExecCredential` is a few kilobytes.
    static let outputLimit = 1024 * 1024

    /// Runs the plugin, no longer than `timeout`, and collects its status and output. The process is
    /// stopped (SIGTERM, then SIGKILL) when the timeout passes or the calling task is cancelled.
    private func execute() async throws(KubeError) -> (status: Int32, stdout: [UInt8], stderr: [UInt8]) {
        let name = config.command
        var variables: [Environment.Key: String?] = [:]
        for (variable, value) in config.env {
            guard let key = Environment.Key(rawValue: variable) else {
                throw failure("exec plugin \(name): invalid environment variable name \"\(variable)\"")
            }
            variables[key] = value
        }
        variables["KUBERNETES_EXEC_INFO"] = String(decoding: JSONSerializer.serialize(execInfo), as: UTF8.self)
        var options = PlatformOptions()
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: .seconds(1))]
        let configuration = Configuration(
            executable: name.contains("/") ? .path(FilePath(name)) : .name(name),
            arguments: Arguments(config.args),
            environment: .inherit.updating(variables),
            platformOptions: options
        )
        let (timeout, clock) = (self.timeout, self.clock)
        let finished: ExecutionResult<Void, BytesOutput, BytesOutput>?
        do {
            finished = try await withThrowingTaskGroup(
                of: ExecutionResult<Void, BytesOutput, BytesOutput>?.self
            ) { group in
                group.addTask {
                    try await Subprocess.run(
                        configuration,
                        input: .none,
                        output: .bytes(limit: Self.outputLimit),
                        error: .bytes(limit: Self.outputLimit)
                    )
                }
                group.addTask {
                    try await clock.sleep(for: timeout)
                    return nil
                }
                // Whichever ends first decides; cancelling the other stops the process or the timer.
                defer { group.cancelAll() }
                return try await group.next() ?? nil
            }
        } catch {
            if Task.isCancelled {
                throw KubeError(
                    kind: .cancelled,
                    verb: "exec",
                    target: kubeconfigPath,
                    message: "exec plugin \(name) cancelled"
                )
            }
            throw failure("exec plugin \(name) \(Self.describe(error))")
        }
        guard let finished else {
            throw failure("exec plugin \(name) did not finish within \(KubeDuration(timeout)) and was stopped")
        }
        let status: Int32 =
            switch finished.terminationStatus {
            case .exited(let code): code
            case .signaled(let signal): 128 + signal
            }
        return (status, finished.standardOutput, finished.standardError)
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? SubprocessError else { return "could not be started: \(error)" }
        switch error.code {
        case .executableNotFound: return "could not be started: not found on PATH"
        case .outputLimitExceeded: return "printed more than \(outputLimit / 1024) KiB"
        default: return "could not be started: \(error)"
        }
    }
}
