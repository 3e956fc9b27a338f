/// An argument of a template or run, substituted as `{{args.NAME}}` into its metrics: a `value`,
/// or a value taken from a Secret key or from a field of an object.
public struct AnalysisArgument: Codable, Hashable, Sendable {
    public var name: String
    public var value: String?
    public var valueFrom: AnalysisArgumentValueFrom?
    public var unknownFields = UnknownFields()

    public init(name: String, value: String? = nil, valueFrom: AnalysisArgumentValueFrom? = nil) {
        self.name = name
        self.value = value
        self.valueFrom = valueFrom
    }
}

/// Where an argument's value comes from when it is not written inline.
public struct AnalysisArgumentValueFrom: Codable, Hashable, Sendable {
    public var secretKeyRef: SecretKeyRef?
    public var fieldRef: FieldRef?
    public var unknownFields = UnknownFields()

    public init(secretKeyRef: SecretKeyRef? = nil, fieldRef: FieldRef? = nil) {
        self.secretKeyRef = secretKeyRef
        self.fieldRef = fieldRef
    }
}

/// A key of a Secret in the run's namespace. Values read this way never appear in messages.
public struct SecretKeyRef: Codable, Hashable, Sendable {
    public var name: String
    public var key: String
    public var unknownFields = UnknownFields()

    public init(name: String, key: String) {
        self.name = name
        self.key = key
    }
}

/// A field of an object: `metadata.name`, `metadata.labels['app']`, `spec.template.spec.containers[0].image`.
public struct FieldRef: Codable, Hashable, Sendable {
    public var fieldPath: String
    public var unknownFields = UnknownFields()

    public init(fieldPath: String) {
        self.fieldPath = fieldPath
    }
}
