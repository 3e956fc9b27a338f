import KubeAPI

extension ResourceRegistry {
    /// Everything Vane, its demo and operators' tools touch: core, apps, batch, policy, coordination,
    /// autoscaling, networking, RBAC, admission, aggregation, apiextensions, and the Argo Rollouts kinds
    /// (served whether or not a CRD object exists).
    public static let standard = ResourceRegistry(coreAndApps + workloads + argo + access)

    static let coreAndApps: [ServedResource] = [
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
            podSpecPath: ["spec"],
            acceptsEviction: true
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
    ]

    /// The Argo Rollouts kinds, served as if their CRDs were installed.
    static let argo: [ServedResource] = [
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
    ]
}
