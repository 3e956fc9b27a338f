import KubeAPI
import KubeClient

/// How the operator actions (spec/rollout.md "Operator actions") change a rollout: merge patches of
/// `spec` or of `status` (through the status subresource), never a read-modify-write of the whole
/// object — so they work on rollouts managed by the incumbent controller too.
struct RolloutPatcher {
    let client: KubeClient
    let name: String
    let namespace: String
    /// The rollout as it was when the action started.
    let rollout: Rollout

    /// Reads rollout `name` and runs `action` on it; returns the line the action prints.
    static func run(
        _ name: String,
        options: GlobalOptions,
        _ action: (RolloutPatcher) async throws -> String
    ) async throws -> String {
        let configuration = try options.clientConfiguration()
        let namespace = configuration.namespace
        return try await withCommandClient(configuration) { client in
            let rollout = try await client.rollout(named: name, in: namespace)
            return try await action(RolloutPatcher(client: client, name: name, namespace: namespace, rollout: rollout))
        }
    }

    func patchStatus(_ patch: JSONValue) async throws {
        try await mergePatch(["status": patch], subresource: .status)
    }

    func patchSpec(_ patch: JSONValue) async throws {
        try await mergePatch(["spec": patch], subresource: nil)
    }

    private func mergePatch(_ patch: JSONValue, subresource: ResourceDescriptor.Subresource?) async throws {
        _ = try await client.patch(
            Rollout.resource,
            name: name,
            namespace: namespace,
            patch: patch,
            type: .merge,
            subresource: subresource
        )
    }
}
