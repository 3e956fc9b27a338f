import KubeAPI

/// Small CustomResourceDefinitions written for these tests, shaped like the ones operators install:
/// an Istio-like namespaced kind with status served at two versions, a cluster-scoped kind, and one
/// with a `scale` subresource on fields of its own.
enum CustomResourceFixtures {
    static let definitions = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions"

    static func schema() -> JSONValue {
        ["openAPIV3Schema": ["type": "object", "x-kubernetes-preserve-unknown-fields": true]]
    }

    static let virtualServiceYAML = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: virtualservices.networking.istio.io
        spec:
          group: networking.istio.io
          scope: Namespaced
          names:
            kind: VirtualService
            plural: virtualservices
            singular: virtualservice
            shortNames: [vs]
            categories: [istio-io, networking-istio-io]
          versions:
          - name: v1alpha3
            served: true
            storage: false
            schema:
              openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
            subresources: {status: {}}
          - name: v1beta1
            served: true
            storage: true
            schema:
              openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
            subresources: {status: {}}
        """

    static var virtualService: JSONValue {
        (try? YAMLDocuments.parseSingle(virtualServiceYAML)) ?? .null
    }

    static let clusterIssuer: JSONValue = [
        "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": ["name": "clusterissuers.cert-manager.io"],
        "spec": [
            "group": "cert-manager.io", "scope": "Cluster",
            "names": ["kind": "ClusterIssuer", "plural": "clusterissuers", "singular": "clusterissuer"],
            "versions": [["name": "v1", "served": true, "storage": true, "schema": schema()]],
        ],
    ]

    static let shard: JSONValue = [
        "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": ["name": "shards.example.com"],
        "spec": [
            "group": "example.com", "scope": "Namespaced",
            "names": ["kind": "Shard", "plural": "shards"],
            "versions": [
                [
                    "name": "v1", "served": true, "storage": true, "schema": schema(),
                    "subresources": [
                        "status": [:],
                        "scale": [
                            "specReplicasPath": ".spec.size", "statusReplicasPath": ".status.ready",
                            "labelSelectorPath": ".status.selector",
                        ],
                    ],
                ]
            ],
        ],
    ]

    /// A definition of the Argo Rollouts kind with the incumbent's names and subresource paths.
    static let rollouts: JSONValue = [
        "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": ["name": "rollouts.argoproj.io"],
        "spec": [
            "group": "argoproj.io", "scope": "Namespaced",
            "names": [
                "kind": "Rollout", "listKind": "RolloutList", "plural": "rollouts", "singular": "rollout",
                "shortNames": ["ro"],
            ],
            "versions": [
                [
                    "name": "v1alpha1", "served": true, "storage": true, "schema": schema(),
                    "subresources": [
                        "status": [:],
                        "scale": [
                            "labelSelectorPath": ".status.selector", "specReplicasPath": ".spec.replicas",
                            "statusReplicasPath": ".status.HPAReplicas",
                        ],
                    ],
                ]
            ],
        ],
    ]

    static func route(_ name: String, host: String = "web", labels: [String: String] = [:]) -> JSONValue {
        [
            "apiVersion": "networking.istio.io/v1beta1", "kind": "VirtualService",
            "metadata": [
                "name": .string(name), "labels": .object(JSONObject(labels.map { ($0.key, .string($0.value)) })),
            ],
            "spec": [
                "hosts": [.string(host)],
                "http": [["route": [["destination": ["host": .string(host)], "weight": 100]]]],
            ],
        ]
    }

    static let routes = "/apis/networking.istio.io/v1beta1/namespaces/default/virtualservices"

    static func isEstablished(_ crd: JSONValue) -> Bool {
        (crd[path: "status", "conditions"]?.arrayValue ?? []).contains {
            $0["type"] == "Established" && $0["status"] == "True"
        }
    }
}
