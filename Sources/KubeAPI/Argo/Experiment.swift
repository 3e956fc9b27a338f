/// An `argoproj.io/v1alpha1` Experiment. Vane reads and writes it whole, so it is thin: metadata
/// typed, `spec` and `status` kept as JSON (unknown fields and all) until experiments are modelled.
public struct Experiment: KubeObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "argoproj.io",
        version: "v1alpha1",
        kind: "Experiment",
        plural: "experiments",
        shortNames: ["exp"],
        subresources: [.status]
    )
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: JSONValue?
    public var status: JSONValue?
    public var unknownFields = UnknownFields()
}
