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
    /// Serves the `eviction` subresource (pods only): a delete that disruption budgets may refuse.
    public var acceptsEviction: Bool
    /// The CustomResourceDefinition that made the server serve this kind; nil for the standard kinds.
    public var definedBy: String?
    /// Where a custom resource keeps what its `scale` subresource reads and writes.
    public var customScale: CustomScalePaths?
    /// A create-only review (SelfSubjectAccessReview): answered from the access policy, never stored.
    public var answersAccessReviews: Bool

    /// How the scale subresource finds the selector it reports.
    public enum ScaleSelectorSource: Hashable, Sendable {
        /// `spec.selector` as a structured LabelSelector (ReplicaSet, Deployment).
        case specSelector
        /// `status.selector`, already a string (Argo Rollouts).
        case statusSelectorString
    }

    /// A CustomResourceDefinition's `scale` subresource: field paths as keys (`.spec.replicas` is
    /// `["spec", "replicas"]`).
    public struct CustomScalePaths: Hashable, Sendable {
        public var specReplicas: [String]
        public var statusReplicas: [String]
        public var labelSelector: [String]?

        public init(specReplicas: [String], statusReplicas: [String], labelSelector: [String]? = nil) {
            self.specReplicas = specReplicas
            self.statusReplicas = statusReplicas
            self.labelSelector = labelSelector
        }
    }

    public init(
        _ descriptor: ResourceDescriptor,
        isBuiltIn: Bool = true,
        podSpecPath: [String]? = nil,
        scaleSelectorSource: ScaleSelectorSource? = nil,
        acceptsEviction: Bool = false,
        definedBy: String? = nil,
        customScale: CustomScalePaths? = nil,
        answersAccessReviews: Bool = false
    ) {
        self.descriptor = descriptor
        self.isBuiltIn = isBuiltIn
        self.podSpecPath = podSpecPath
        self.scaleSelectorSource = scaleSelectorSource
        self.acceptsEviction = acceptsEviction
        self.definedBy = definedBy
        self.customScale = customScale
        self.answersAccessReviews = answersAccessReviews
    }

    public var hasStatus: Bool { descriptor.subresources.contains(.status) }
    public var hasScale: Bool { descriptor.subresources.contains(.scale) }
    /// The kind of the list object (`PodList`).
    public var listKind: String { descriptor.kind + "List" }
}
