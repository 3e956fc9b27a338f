public import KubeAPI

/// One kind the embedded API server serves, with the server-side behaviour that differs between kinds.
///
/// Adding a kind to the server is one `ServedResource` value in `ResourceRegistry.standard`.
public struct ServedResource: Hashable, Sendable {
    public var descriptor: ResourceDescriptor
    /// Built-in kinds accept strategic merge patches; custom resources answer 415 like the real server.
    public var isBuiltIn: Bool
    /// Where a pod template lives, so the server can apply the real API server's pod defaults.
    public var podSpecPath: [String]?
    /// JSON path of the field the `scale` subresource reads for its label selector string.
    public var scaleSelectorSource: ScaleSelectorSource?

    /// How the scale subresource finds the selector it reports.
    public enum ScaleSelectorSource: Hashable, Sendable {
        /// `spec.selector` as a structured LabelSelector (ReplicaSet, Deployment).
        case specSelector
        /// `status.selector`, already a string (Argo Rollouts).
        case statusSelectorString
    }

    public init(
        _ descriptor: ResourceDescriptor,
        isBuiltIn: Bool = true,
        podSpecPath: [String]? = nil,
        scaleSelectorSource: ScaleSelectorSource? = nil
    ) {
        self.descriptor = descriptor
        self.isBuiltIn = isBuiltIn
        self.podSpecPath = podSpecPath
        self.scaleSelectorSource = scaleSelectorSource
    }

    public var hasStatus: Bool { descriptor.subresources.contains(.status) }
    public var hasScale: Bool { descriptor.subresources.contains(.scale) }
    /// The kind of the list object (`PodList`).
    public var listKind: String { descriptor.kind + "List" }
}
