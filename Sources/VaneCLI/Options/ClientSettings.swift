import Foundation
import KubeClient

/// Resolves where the API server is the way kubectl does: an explicit kubeconfig, else
/// `$KUBECONFIG`, else `~/.kube/config`; inside a pod with none of those, the service account.
enum ClientSettings {
    static func resolve(
        kubeconfig: String?,
        context: String?,
        namespace: String?
    ) throws(KubeError) -> ClientConfiguration {
        let environment = ProcessInfo.processInfo.environment
        let loader = KubeconfigLoader()
        let hasFile =
            kubeconfig != nil || environment["KUBECONFIG"] != nil
            || FileManager.default.fileExists(atPath: (environment["HOME"] ?? "") + "/.kube/config")
        if !hasFile, var configuration = try InClusterConfiguration.load() {
            if let namespace { configuration.namespace = namespace }
            return configuration
        }
        return try loader.configuration(explicit: kubeconfig, context: context, namespace: namespace)
    }
}
