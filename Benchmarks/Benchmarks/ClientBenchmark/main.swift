import EmbeddedCluster
import Foundation
import KubeAPI
import KubeClient
import KubeTestKit

// Measures the client side of issue 3: typed decode throughput on one core, and typed watch events
// consumed per second from the embedded cluster over HTTP.

func report(_ line: String) {
    print(line)
    fflush(nil)
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// A ReplicaSet shaped like the ones a rollout controller owns: labels, annotations, an owner,
/// a pod template with resources and the server's defaults.
func replicaSet(_ index: Int) -> JSONValue {
    let hash: JSONValue = .string("6f7d8c9b\(index % 10)")
    let labels: JSONValue = ["app": "demo", "rollouts-pod-template-hash": hash]
    return [
        "apiVersion": "apps/v1", "kind": "ReplicaSet",
        "metadata": [
            "name": .string("demo-\(index)"), "labels": labels,
            "annotations": ["rollout.argoproj.io/revision": "3", "rollout.argoproj.io/desired-replicas": "10"],
            "ownerReferences": [
                [
                    "apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout", "name": "demo",
                    "uid": "1b1c2f0e-1d2a-4c3b-9a8e-7f6e5d4c3b2a", "controller": true, "blockOwnerDeletion": true,
                ]
            ],
        ],
        "spec": [
            "replicas": 10, "minReadySeconds": 0, "selector": ["matchLabels": labels],
            "template": [
                "metadata": ["labels": labels],
                "spec": [
                    "containers": [
                        [
                            "name": "demo", "image": "argoproj/rollouts-demo:blue",
                            "ports": [["name": "http", "containerPort": 8080, "protocol": "TCP"]],
                            "resources": ["requests": ["memory": "32Mi", "cpu": "5m"]],
                        ]
                    ]
                ],
            ],
        ],
        "status": [
            "replicas": 10, "fullyLabeledReplicas": 10, "readyReplicas": 10, "availableReplicas": 10,
            "observedGeneration": 3,
        ],
    ]
}

/// A canary Rollout as the controller sees it mid-rollout.
func rollout() -> Rollout {
    let labels = ["app": "demo"]
    let container = Container(name: "demo", image: "argoproj/rollouts-demo:blue")
    var rollout = Rollout(
        metadata: ObjectMeta(name: "demo", namespace: "default", labels: labels),
        spec: RolloutSpec(
            replicas: 10,
            selector: LabelSelector(matchLabels: labels),
            template: PodTemplateSpec(metadata: ObjectMeta(labels: labels), spec: PodSpec(containers: [container])),
            strategy: RolloutStrategy(
                canary: CanaryStrategy(
                    stableService: "demo-stable",
                    canaryService: "demo-canary",
                    maxSurge: .string("25%"),
                    maxUnavailable: .int(0),
                    steps: [
                        CanaryStep(setWeight: 20), CanaryStep(pause: RolloutPause(duration: .string("30s"))),
                        CanaryStep(setWeight: 60), CanaryStep(pause: RolloutPause()),
                    ]
                )
            )
        )
    )
    var status = RolloutStatus()
    status.phase = "Progressing"
    status.currentPodHash = "6f7d8c9b5"
    status.stableRS = "7b9c4d6f8"
    status.currentStepIndex = 1
    status.replicas = 10
    status.conditions = [
        RolloutCondition(
            type: "Progressing",
            status: "True",
            reason: "ReplicaSetUpdated",
            message: "ReplicaSet \"demo-6f7d8c9b5\" is progressing."
        )
    ]
    rollout.status = status
    return rollout
}

let clock = ContinuousClock()
let configuration = EmbeddedClusterConfiguration(historyLimit: 50_000, simulators: .none)

try await withEmbeddedCluster(configuration) { cluster in
    guard let replicaSets = ResourceRegistry.standard.resource(group: "apps", version: "v1", plural: "replicasets")
    else { return }
    let context = WriteContext(identity: "bench")

    // 1. Decode throughput, one core: bytes as the server stores and sends them → typed ReplicaSet.
    let bytes = try await cluster.store.create(
        replicaSets,
        namespace: "default",
        object: replicaSet(0),
        context: context
    )
    let decodeCount = 100_000
    let decodeStart = clock.now
    var replicas = 0
    for _ in 0..<decodeCount {
        let decoded = try KubeJSON.decode(ReplicaSet.self, from: bytes)
        replicas &+= Int(decoded.spec.replicas ?? 0)
    }
    report(
        String(
            format: "decode ReplicaSet (%d bytes), one core:  %8.0f objects/s",
            bytes.count,
            Double(decodeCount) / seconds(clock.now - decodeStart)
        )
    )
    precondition(replicas == decodeCount * 10)

    // 1b. The same for a canary Rollout with steps and status.
    let rolloutBytes = try KubeJSON.encode(rollout())
    let rolloutStart = clock.now
    var steps = 0
    for _ in 0..<decodeCount {
        let decoded = try KubeJSON.decode(Rollout.self, from: rolloutBytes)
        steps &+= decoded.spec.strategy?.canary?.steps?.count ?? 0
    }
    report(
        String(
            format: "decode Rollout (%d bytes), one core:     %8.0f objects/s",
            rolloutBytes.count,
            Double(decodeCount) / seconds(clock.now - rolloutStart)
        )
    )
    precondition(steps == decodeCount * 4)

    // 2. Typed watch consumption over HTTP: 20,000 ReplicaSet events through KubeClient's WatchStream.
    let events = 20_000
    let server = await cluster.serverURL()
    try await withKubeClient(ClientConfiguration(server: server, credentials: .token(configuration.adminToken))) {
        client in
        let from = await cluster.store.currentResourceVersion
        let stream = try await client.watch(ReplicaSet.self, namespace: "default", resourceVersion: String(from))
        for index in 1...events {
            try await cluster.store.create(
                replicaSets,
                namespace: "default",
                object: replicaSet(index),
                context: context
            )
        }
        let watchStart = clock.now
        var seen = 0
        for try await update in stream {
            if case .added = update { seen += 1 }
            if seen == events { break }
        }
        report(
            String(
                format: "typed watch events consumed (ReplicaSet): %8.0f events/s",
                Double(seen) / seconds(clock.now - watchStart)
            )
        )
    }
}
