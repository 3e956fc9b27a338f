extension ResourceDescriptor {
    /// The built-in (non-Argo) kinds KubeAPI types, so the embedded API server can register them
    /// and serve their discovery documents from one list.
    public static let builtIn: [ResourceDescriptor] = [
        Namespace.resource,
        Pod.resource,
        Service.resource,
        Endpoints.resource,
        Event.resource,
        ConfigMap.resource,
        Secret.resource,
        ReplicaSet.resource,
        Deployment.resource,
        Lease.resource,
        HorizontalPodAutoscaler.resource,
        PodDisruptionBudget.resource,
        Job.resource,
    ]
}
