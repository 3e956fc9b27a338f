public import KubeAPI
public import KubeClient
public import KubeRuntime

/// The production ``ObjectWriter``: writes through a `KubeClient`, each write only while the
/// `LeadershipGuard` says this process leads, and with a timeout that ends before another replica
/// could take over — so two leaders never write at once, even when this one's renewals stall.
public struct FencedWriter: ObjectWriter {
    public let client: KubeClient
    /// Nil runs unfenced (a single replica without leader election).
    public let leadership: LeadershipGuard?
    /// The longest any one write may take.
    public let requestTimeout: Duration

    public init(client: KubeClient, leadership: LeadershipGuard?, requestTimeout: Duration = .seconds(10)) {
        self.client = client
        self.leadership = leadership
        self.requestTimeout = requestTimeout
    }

    /// The timeout of the next write; throws unless this process leads.
    private func timeout() throws -> Duration {
        guard let leadership else { return requestTimeout }
        return try leadership.writeTimeout(limit: requestTimeout)
    }

    public func create<Object: KubeObject>(_ object: Object) async throws {
        _ = try await client.create(object, namespace: object.metadata.namespace, timeout: try timeout())
    }

    public func mergePatch<Object: KubeObject>(
        _ type: Object.Type,
        name: String,
        namespace: String?,
        patch: JSONValue,
        resourceVersion: String?
    ) async throws -> Object {
        var patch = patch
        // The API server refuses a patch whose resourceVersion is not the object's.
        if let resourceVersion { patch.setValue(.string(resourceVersion), at: ["metadata", "resourceVersion"]) }
        return try await client.patch(
            Object.self,
            name: name,
            namespace: namespace,
            patch: patch,
            type: .merge,
            timeout: try timeout()
        )
    }

    public func delete<Object: KubeObject>(
        _ type: Object.Type,
        name: String,
        namespace: String?,
        uid: String?,
        propagation: DeleteOptions.PropagationPolicy?
    ) async throws {
        try await client.delete(
            Object.resource,
            name: name,
            namespace: namespace,
            propagation: propagation,
            preconditionUID: uid,
            timeout: try timeout()
        )
    }

    public func updateStatus<Object: KubeObject>(_ object: Object) async throws -> Object {
        try await client.updateStatus(object.withTypeMeta(), timeout: try timeout())
    }
}
