/// How a DELETE proceeds: `propagationPolicy` for dependents and optional preconditions.
public struct DeletionOptions: Sendable {
    public enum Propagation: String, Sendable {
        case background = "Background"
        case foreground = "Foreground"
        case orphan = "Orphan"
    }

    public var propagation: Propagation
    public var preconditionUID: String?
    public var preconditionResourceVersion: String?

    public init(
        propagation: Propagation = .background,
        preconditionUID: String? = nil,
        preconditionResourceVersion: String? = nil
    ) {
        self.propagation = propagation
        self.preconditionUID = preconditionUID
        self.preconditionResourceVersion = preconditionResourceVersion
    }
}
