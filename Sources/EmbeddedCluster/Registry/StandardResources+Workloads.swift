import KubeAPI

extension ResourceRegistry {
    /// Jobs (run by the simulated Job controller) and disruption budgets (kept by the simulated
    /// disruption controller, enforced by the pods' `eviction` subresource).
    static let workloads: [ServedResource] = [
        ServedResource(Job.resource, podSpecPath: ["spec", "template", "spec"]),
        ServedResource(PodDisruptionBudget.resource),
    ]
}
