/// The argoproj.io analysis and experiment kinds. Vane reads and writes them whole, so they are thin:
/// metadata typed, `spec` and `status` kept as JSON (unknown fields and all) until the analysis
/// issue models them.
public struct AnalysisTemplate: KubeObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "argoproj.io",
        version: "v1alpha1",
        kind: "AnalysisTemplate",
        plural: "analysistemplates",
        shortNames: ["at"]
    )
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: JSONValue?
    public var unknownFields = UnknownFields()
}

public struct ClusterAnalysisTemplate: KubeObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "argoproj.io",
        version: "v1alpha1",
        kind: "ClusterAnalysisTemplate",
        plural: "clusteranalysistemplates",
        namespaced: false,
        shortNames: ["cat"]
    )
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: JSONValue?
    public var unknownFields = UnknownFields()
}

public struct AnalysisRun: KubeObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "argoproj.io",
        version: "v1alpha1",
        kind: "AnalysisRun",
        plural: "analysisruns",
        shortNames: ["ar"],
        subresources: [.status]
    )
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: JSONValue?
    public var status: JSONValue?
    public var unknownFields = UnknownFields()
}

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
