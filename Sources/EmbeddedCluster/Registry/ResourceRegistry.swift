public import KubeAPI

/// The kinds the embedded API server serves, looked up the ways requests and discovery need them.
public struct ResourceRegistry: Sendable {
    public private(set) var resources: [ServedResource]
    private var byPath: [PathKey: ServedResource] = [:]

    private struct PathKey: Hashable {
        var group: String
        var version: String
        var plural: String
    }

    public init(_ resources: [ServedResource]) {
        self.resources = []
        for resource in resources { add(resource) }
    }

    public mutating func add(_ resource: ServedResource) {
        resources.removeAll { $0.descriptor == resource.descriptor }
        resources.append(resource)
        let d = resource.descriptor
        byPath[PathKey(group: d.group, version: d.version, plural: d.plural)] = resource
    }

    public func resource(group: String, version: String, plural: String) -> ServedResource? {
        byPath[PathKey(group: group, version: version, plural: plural)]
    }

    public func resource(apiVersion: String, kind: String) -> ServedResource? {
        let gv = GroupVersion(apiVersion: apiVersion)
        return resources.first { $0.descriptor.groupVersion == gv && $0.descriptor.kind == kind }
    }

    /// Group versions in registration order (core `v1` first).
    public var groupVersions: [GroupVersion] {
        var seen: [GroupVersion] = []
        for resource in resources where !seen.contains(resource.descriptor.groupVersion) {
            seen.append(resource.descriptor.groupVersion)
        }
        return seen
    }

    public func resources(in groupVersion: GroupVersion) -> [ServedResource] {
        resources.filter { $0.descriptor.groupVersion == groupVersion }
    }

    /// Everything Vane and its demo touch: core, apps, coordination, autoscaling, networking,
    /// apiextensions, and the Argo Rollouts kinds (served whether or not a CRD object exists).
    public static let standard = ResourceRegistry([
        ServedResource(
            ResourceDescriptor(
                group: "",
                version: "v1",
                kind: "Namespace",
                plural: "namespaces",
                namespaced: false,
                shortNames: ["ns"],
                subresources: [.status]
            )
        ),
        ServedResource(
            ResourceDescriptor(
                group: "",
                version: "v1",
                kind: "Pod",
                plural: "pods",
                shortNames: ["po"],
                subresources: [.status],
                categories: ["all"]
            ),
            podSpecPath: ["spec"]
        ),
        ServedResource(
            ResourceDescriptor(
                group: "",
                version: "v1",
                kind: "Service",
                plural: "services",
                shortNames: ["svc"],
                subresources: [.status],
                categories: ["all"]
            )
        ),
        ServedResource(
            ResourceDescriptor(
                group: "",
                version: "v1",
                kind: "Endpoints",
                plural: "endpoints",
                singular: "endpoints",
                shortNames: ["ep"]
            )
        ),
        ServedResource(
            ResourceDescriptor(group: "", version: "v1", kind: "Event", plural: "events", shortNames: ["ev"])
        ),
        ServedResource(
            ResourceDescriptor(group: "", version: "v1", kind: "ConfigMap", plural: "configmaps", shortNames: ["cm"])
        ),
        ServedResource(ResourceDescriptor(group: "", version: "v1", kind: "Secret", plural: "secrets")),
        ServedResource(
            ResourceDescriptor(
                group: "apps",
                version: "v1",
                kind: "ReplicaSet",
                plural: "replicasets",
                shortNames: ["rs"],
                subresources: [.status, .scale],
                categories: ["all"]
            ),
            podSpecPath: ["spec", "template", "spec"],
            scaleSelectorSource: .specSelector
        ),
        ServedResource(
            ResourceDescriptor(
                group: "apps",
                version: "v1",
                kind: "Deployment",
                plural: "deployments",
                shortNames: ["deploy"],
                subresources: [.status, .scale],
                categories: ["all"]
            ),
            podSpecPath: ["spec", "template", "spec"],
            scaleSelectorSource: .specSelector
        ),
        ServedResource(
            ResourceDescriptor(group: "coordination.k8s.io", version: "v1", kind: "Lease", plural: "leases")
        ),
        ServedResource(
            ResourceDescriptor(
                group: "autoscaling",
                version: "v2",
                kind: "HorizontalPodAutoscaler",
                plural: "horizontalpodautoscalers",
                shortNames: ["hpa"],
                subresources: [.status],
                categories: ["all"]
            )
        ),
        ServedResource(
            ResourceDescriptor(
                group: "networking.k8s.io",
                version: "v1",
                kind: "Ingress",
                plural: "ingresses",
                shortNames: ["ing"],
                subresources: [.status]
            )
        ),
        ServedResource(
            ResourceDescriptor(
                group: "apiextensions.k8s.io",
                version: "v1",
                kind: "CustomResourceDefinition",
                plural: "customresourcedefinitions",
                namespaced: false,
                shortNames: ["crd", "crds"],
                subresources: [.status]
            )
        ),
        ServedResource(
            ResourceDescriptor(
                group: "argoproj.io",
                version: "v1alpha1",
                kind: "Rollout",
                plural: "rollouts",
                shortNames: ["ro"],
                subresources: [.status, .scale],
                categories: ["all"]
            ),
            isBuiltIn: false,
            scaleSelectorSource: .statusSelectorString
        ),
        ServedResource(
            ResourceDescriptor(
                group: "argoproj.io",
                version: "v1alpha1",
                kind: "AnalysisTemplate",
                plural: "analysistemplates"
            ),
            isBuiltIn: false
        ),
        ServedResource(
            ResourceDescriptor(
                group: "argoproj.io",
                version: "v1alpha1",
                kind: "ClusterAnalysisTemplate",
                plural: "clusteranalysistemplates",
                namespaced: false
            ),
            isBuiltIn: false
        ),
        ServedResource(
            ResourceDescriptor(
                group: "argoproj.io",
                version: "v1alpha1",
                kind: "AnalysisRun",
                plural: "analysisruns",
                subresources: [.status]
            ),
            isBuiltIn: false
        ),
        ServedResource(
            ResourceDescriptor(
                group: "argoproj.io",
                version: "v1alpha1",
                kind: "Experiment",
                plural: "experiments",
                subresources: [.status]
            ),
            isBuiltIn: false
        ),
    ])
}
