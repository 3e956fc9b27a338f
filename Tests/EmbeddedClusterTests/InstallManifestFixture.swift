/// A typical controller install manifest, written for these tests: what `kubectl apply -f
/// install.yaml` sends to a cluster (service account, RBAC, a webhook, a CRD, the Deployment, its
/// Service and disruption budget, an ingress class).
enum InstallManifestFixture {
    static let yaml = """
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: vane
          namespace: default
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: vane
        rules:
        - apiGroups: [argoproj.io]
          resources: [rollouts, rollouts/status, rollouts/scale]
          verbs: [get, list, watch, update, patch]
        - apiGroups: [apps]
          resources: [replicasets]
          verbs: [get, list, watch, create, update, patch, delete]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: vane
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: vane}
        subjects:
        - {kind: ServiceAccount, name: vane, namespace: default}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: vane-leader-election
          namespace: default
        rules:
        - apiGroups: [coordination.k8s.io]
          resources: [leases]
          verbs: [get, create, update]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata:
          name: vane-leader-election
          namespace: default
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: vane-leader-election}
        subjects:
        - {kind: ServiceAccount, name: vane, namespace: default}
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          scope: Namespaced
          names: {kind: Widget, plural: widgets}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingWebhookConfiguration
        metadata:
          name: vane
        webhooks:
        - name: rollouts.vane.dev
          admissionReviewVersions: [v1]
          sideEffects: None
          clientConfig:
            service: {name: vane-webhook, namespace: default, path: /validate}
          rules:
          - apiGroups: [argoproj.io]
            apiVersions: [v1alpha1]
            operations: [CREATE, UPDATE]
            resources: [rollouts]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: vane
          namespace: default
        spec:
          replicas: 2
          selector:
            matchLabels: {app: vane}
          template:
            metadata:
              labels: {app: vane}
            spec:
              serviceAccountName: vane
              containers:
              - name: vane
                image: vane:latest
                args: [controller]
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: vane-metrics
          namespace: default
        spec:
          selector: {app: vane}
          ports:
          - {name: metrics, port: 8090}
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata:
          name: vane
          namespace: default
        spec:
          minAvailable: 1
          selector:
            matchLabels: {app: vane}
        ---
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata:
          name: vane
        spec:
          controller: example.com/ingress
        """

    /// `kind/name` of everything above, as kubectl prints them.
    static let objects = [
        "serviceaccount/vane", "clusterrole.rbac.authorization.k8s.io/vane",
        "clusterrolebinding.rbac.authorization.k8s.io/vane", "role.rbac.authorization.k8s.io/vane-leader-election",
        "rolebinding.rbac.authorization.k8s.io/vane-leader-election",
        "customresourcedefinition.apiextensions.k8s.io/widgets.example.com",
        "validatingwebhookconfiguration.admissionregistration.k8s.io/vane", "deployment.apps/vane",
        "service/vane-metrics", "poddisruptionbudget.policy/vane", "ingressclass.networking.k8s.io/vane",
    ]
}
