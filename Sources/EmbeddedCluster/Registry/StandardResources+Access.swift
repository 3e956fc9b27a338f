import KubeAPI

extension ResourceRegistry {
    /// What operators' tools and install manifests touch: service accounts, RBAC, admission webhooks,
    /// aggregated APIs, access reviews and ingress classes.
    static let access: [ServedResource] = [
        ServedResource(
            ResourceDescriptor(
                group: "",
                version: "v1",
                kind: "ServiceAccount",
                plural: "serviceaccounts",
                shortNames: ["sa"]
            )
        ),
        rbac("Role", "roles", namespaced: true),
        rbac("ClusterRole", "clusterroles", namespaced: false),
        rbac("RoleBinding", "rolebindings", namespaced: true),
        rbac("ClusterRoleBinding", "clusterrolebindings", namespaced: false),
        ServedResource(
            ResourceDescriptor(
                group: "admissionregistration.k8s.io",
                version: "v1",
                kind: "MutatingWebhookConfiguration",
                plural: "mutatingwebhookconfigurations",
                namespaced: false,
                categories: ["api-extensions"]
            )
        ),
        ServedResource(
            ResourceDescriptor(
                group: "admissionregistration.k8s.io",
                version: "v1",
                kind: "ValidatingWebhookConfiguration",
                plural: "validatingwebhookconfigurations",
                namespaced: false,
                categories: ["api-extensions"]
            )
        ),
        ServedResource(
            ResourceDescriptor(
                group: "apiregistration.k8s.io",
                version: "v1",
                kind: "APIService",
                plural: "apiservices",
                namespaced: false,
                subresources: [.status],
                categories: ["api-extensions"]
            )
        ),
        ServedResource(
            ResourceDescriptor(
                group: "authorization.k8s.io",
                version: "v1",
                kind: "SelfSubjectAccessReview",
                plural: "selfsubjectaccessreviews",
                namespaced: false
            ),
            answersAccessReviews: true
        ),
        ServedResource(
            ResourceDescriptor(
                group: "networking.k8s.io",
                version: "v1",
                kind: "IngressClass",
                plural: "ingressclasses",
                namespaced: false
            )
        ),
    ]

    private static func rbac(_ kind: String, _ plural: String, namespaced: Bool) -> ServedResource {
        ServedResource(
            ResourceDescriptor(
                group: "rbac.authorization.k8s.io",
                version: "v1",
                kind: kind,
                plural: plural,
                namespaced: namespaced
            )
        )
    }
}
