import Foundation

/// The configuration of a pod's service account, as client-go's `rest.InClusterConfig` reads it:
/// `KUBERNETES_SERVICE_HOST`/`PORT`, and the token, CA and namespace files. The token is read from
/// its file on every change, because projected service-account tokens rotate.
public enum InClusterConfiguration {
    public static let defaultDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// nil when not running in a pod (no service host in the environment).
    public static func load(
        environment: [String: String]? = nil,
        directory: String = defaultDirectory
    ) throws(KubeError) -> ClientConfiguration? {
        let environment = environment ?? ProcessInfo.processInfo.environment
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
            let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty
        else { return nil }
        let tokenPath = directory + "/token"
        guard FileManager.default.fileExists(atPath: tokenPath) else {
            throw KubeError(
                kind: .configuration,
                verb: "load",
                target: tokenPath,
                message: "service account token not found (is automountServiceAccountToken disabled?)"
            )
        }
        let authority: String
        do {
            authority = try String(contentsOfFile: directory + "/ca.crt", encoding: .utf8)
        } catch {
            throw KubeError(
                kind: .configuration,
                verb: "load",
                target: directory + "/ca.crt",
                message: "cannot read the cluster CA: \(KubeconfigLoader.reason(error))"
            )
        }
        let namespace = (try? String(contentsOfFile: directory + "/namespace", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let server = host.contains(":") ? "https://[\(host)]:\(port)" : "https://\(host):\(port)"
        return ClientConfiguration(
            server: server,
            namespace: namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default",
            credentials: .tokenFile(tokenPath),
            certificateAuthorityPEM: authority
        )
    }
}
