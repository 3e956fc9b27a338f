/// The API form of a label selector (`metav1.LabelSelector`), as found in `spec.selector`.
///
/// To match labels or to render the query-string form, convert it to a ``Selector``.
public struct LabelSelector: Codable, Hashable, Sendable {
    public var matchLabels: [String: String]?
    public var matchExpressions: [LabelSelectorRequirement]?
    public var unknownFields = UnknownFields()

    public init(matchLabels: [String: String]? = nil, matchExpressions: [LabelSelectorRequirement]? = nil) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }
}

public struct LabelSelectorRequirement: Codable, Hashable, Sendable {
    public var key: String
    /// `In`, `NotIn`, `Exists` or `DoesNotExist`.
    public var `operator`: String
    public var values: [String]?
    public var unknownFields = UnknownFields()

    public init(key: String, operator: String, values: [String]? = nil) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }
}
