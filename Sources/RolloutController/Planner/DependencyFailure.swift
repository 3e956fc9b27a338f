/// A dependency — a webhook, an aggregated API, TLS to the API server — that failed the
/// controller's writes for a Rollout and has not been seen to recover. An input of the planner, which
/// alone sets the `ReplicaFailure` condition with reason `DependencyFailed` from it and removes that
/// condition once the reconciler stops passing it.
public struct DependencyFailure: Hashable, Sendable {
    /// What failed, as people know it: `conversion webhook https://…`, or `a dependency`.
    public var dependency: String
    /// The condition's and the event's message: the dependency, the verb, the error and what is held.
    public var message: String

    public init(dependency: String, message: String) {
        self.dependency = dependency
        self.message = message
    }
}
