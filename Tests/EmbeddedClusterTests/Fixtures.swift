import KubeAPI

/// Objects the tests create, written as the JSON a client would send.
enum Fixtures {
    static func configMap(
        _ name: String,
        labels: [String: String] = [:],
        data: [String: String] = ["a": "1"]
    ) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": [
                "name": .string(name), "labels": .object(JSONObject(labels.map { ($0.key, .string($0.value)) })),
            ],
            "data": .object(JSONObject(data.map { ($0.key, .string($0.value)) })),
        ]
    }

    static func replicaSet(
        _ name: String,
        replicas: Int = 2,
        image: String = "nginx:1.25",
        owner: JSONValue? = nil
    ) -> JSONValue {
        var object: JSONValue = [
            "apiVersion": "apps/v1", "kind": "ReplicaSet",
            "metadata": ["name": .string(name), "labels": ["app": "web"]],
            "spec": [
                "replicas": .number(JSONNumber(replicas)),
                "selector": ["matchLabels": ["app": "web", "rs": .string(name)]],
                "template": [
                    "metadata": ["labels": ["app": "web", "rs": .string(name)]],
                    "spec": [
                        "containers": [["name": "web", "image": .string(image), "ports": [["containerPort": 80]]]]
                    ],
                ],
            ],
        ]
        if let owner { object.setValue([owner], at: ["metadata", "ownerReferences"]) }
        return object
    }

    static func ownerReference(of object: JSONValue, blockOwnerDeletion: Bool = true) -> JSONValue {
        [
            "apiVersion": object["apiVersion"] ?? "", "kind": object["kind"] ?? "",
            "name": object[path: "metadata", "name"] ?? "", "uid": object[path: "metadata", "uid"] ?? "",
            "controller": true, "blockOwnerDeletion": .bool(blockOwnerDeletion),
        ]
    }

    static func rollout(_ name: String) -> JSONValue {
        [
            "apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout",
            "metadata": ["name": .string(name)],
            "spec": [
                "replicas": 3,
                "selector": ["matchLabels": ["app": .string(name)]],
                "template": [
                    "metadata": ["labels": ["app": .string(name)]],
                    "spec": ["containers": [["name": "app", "image": "nginx:1.25"]]],
                ],
                "strategy": ["canary": ["steps": [["setWeight": 20], ["pause": [:]]]]],
                "futureField": ["kept": true],
            ],
        ]
    }

    static let configMaps = "/api/v1/namespaces/default/configmaps"
    static let replicaSets = "/apis/apps/v1/namespaces/default/replicasets"
    static let rollouts = "/apis/argoproj.io/v1alpha1/namespaces/default/rollouts"
}
