import KubeAPI
import KubeClient

extension KubeClient {
    /// The Rollout `name`, or the one-line failure every command prints when it does not exist.
    func rollout(named name: String, in namespace: String) async throws -> Rollout {
        do {
            return try await get(Rollout.self, name: name, namespace: namespace)
        } catch let error where error.kind == .notFound {
            throw CLIFailure.rolloutNotFound(name, namespace: namespace)
        }
    }

    /// The Rollout `name` as the API server stores it, unknown fields and all.
    func rolloutDocument(named name: String, in namespace: String) async throws -> JSONValue {
        do {
            return try await get(Rollout.resource, name: name, namespace: namespace)
        } catch let error where error.kind == .notFound {
            throw CLIFailure.rolloutNotFound(name, namespace: namespace)
        }
    }
}

extension CLIFailure {
    static func rolloutNotFound(_ name: String, namespace: String) -> CLIFailure {
        CLIFailure("rollout \(name) not found in namespace \(namespace)")
    }
}
