public import KubeAPI

/// The writes a plan needs, and nothing more: what ``PlanApplier`` asks of the API server. The
/// protocol exists so that the same applier runs against the cluster (``FencedWriter``: fenced by
/// leadership, with timeouts) and in planner tests (``InMemoryWriter``), and so that fault injection
/// can decorate a writer — not for mocking.
///
/// Failures are `KubeError`s with the API server's kinds (`alreadyExists`, `notFound`, `conflict`
/// for a failed precondition …), so the applier treats both writers' failures the same way.
public protocol ObjectWriter: Sendable {
    /// Creates `object` in its namespace.
    func create<Object: KubeObject>(_ object: Object) async throws

    /// Applies a JSON merge patch to an object and returns the result. With `resourceVersion` the
    /// patch is refused (`conflict`) unless the object still has that version.
    func mergePatch<Object: KubeObject>(
        _ type: Object.Type,
        name: String,
        namespace: String?,
        patch: JSONValue,
        resourceVersion: String?
    ) async throws -> Object

    /// Deletes an object; with `uid` only that very object (`conflict` when the name now belongs to
    /// another one).
    func delete<Object: KubeObject>(
        _ type: Object.Type,
        name: String,
        namespace: String?,
        uid: String?,
        propagation: DeleteOptions.PropagationPolicy?
    ) async throws

    /// Replaces the object's status through the status subresource, guarded by the object's
    /// `resourceVersion` (`conflict` when it changed since it was read); returns the result.
    func updateStatus<Object: KubeObject>(_ object: Object) async throws -> Object
}
