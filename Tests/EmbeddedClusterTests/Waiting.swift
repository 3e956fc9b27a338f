import EmbeddedCluster
import KubeAPI
import KubeTestKit
import Testing

/// Watches one object until `condition` holds for it (no polling, no sleeping) and returns it.
func waitForObject(
    _ client: RawAPIClient,
    _ collection: String,
    _ name: String,
    until condition: (JSONValue) -> Bool
) async throws -> JSONValue {
    for try await event in try await client.watch(collection + "?watch=true&fieldSelector=metadata.name%3D\(name)") {
        guard let object = event["object"] else { continue }
        if condition(object) { return object }
    }
    Issue.record("watch ended before the condition held for \(name)")
    return .null
}

/// Starts a cluster that accepts kubectl (anonymous over plain HTTP), writes its kubeconfig, and
/// runs `body` with a kubectl driver for it.
func withKubectl(
    _ configuration: EmbeddedClusterConfiguration = EmbeddedClusterConfiguration(allowsAnonymous: true),
    _ body: (Kubectl, EmbeddedCluster) async throws -> Void
) async throws {
    try await withEmbeddedCluster(configuration) { cluster in
        try await cluster.withKubeconfigFile { path in
            let kubectl = try #require(
                Kubectl(kubeconfig: path),
                "kubectl is not installed: .ci/run installs Debian's kubernetes-client"
            )
            try await body(kubectl, cluster)
        }
    }
}

extension Kubectl {
    /// Applies a CustomResourceDefinition (YAML) and waits until it is established, as a user would
    /// before applying objects of its kind.
    func define(_ definitionYAML: String, named name: String) async throws {
        let defined = try await run(["apply", "-f", "-"], stdin: definitionYAML)
        #expect(defined.status == 0, "\(defined.stderr)")
        let waited = try await run(["wait", "--for", "condition=established", "crd/\(name)", "--timeout=30s"])
        #expect(waited.status == 0, "\(waited.stderr)")
    }
}
