import Benchmark
import KubeAPI

/// Decode throughput for the objects the controller reads most: ReplicaSets from informers.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.throughput, .wallClock, .mallocCountTotal],
        scalingFactor: .kilo,
        maxDuration: .seconds(5)
    )

    let replicaSetBytes = Array(Fixtures.replicaSet.utf8)

    Benchmark("JSONParser.parse ReplicaSet") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try JSONParser.parse(replicaSetBytes))
        }
    }

    // Typed decoding looks every field up by key: the path that an object's key lookup serves.
    Benchmark("KubeJSON.decode ReplicaSet") { benchmark in
        let tree = try JSONParser.parse(replicaSetBytes)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try KubeJSON.decode(ReplicaSet.self, from: tree))
        }
    }

    Benchmark("JSONValue lookups ReplicaSet") { benchmark in
        let tree = try JSONParser.parse(replicaSetBytes)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(tree[path: "spec", "template", "spec", "terminationGracePeriodSeconds"])
            blackHole(tree[path: "metadata", "annotations", "rollout.argoproj.io/revision"])
            blackHole(tree[path: "status", "observedGeneration"])
        }
    }

    // A large map (a ConfigMap's data, many labels or annotations): where a linear scan costs most.
    Benchmark("JSONValue lookups 200-key object") { benchmark in
        let keys = (0..<200).map { "key-\($0)" }
        let object = try JSONParser.parse("{" + keys.map { #""\#($0)":"value""# }.joined(separator: ",") + "}")
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            for key in keys { blackHole(object[key]) }
        }
    }

    Benchmark("JSONSerializer.serialize ReplicaSet") { benchmark in
        let tree = try JSONParser.parse(replicaSetBytes)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(JSONSerializer.serialize(tree))
        }
    }
}

enum Fixtures {
    /// A ReplicaSet as a real API server returns it, with managedFields.
    static let replicaSet = """
        {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"demo-6f7d8c9b5","namespace":"default",\
        "uid":"5b1c2f0e-1d2a-4c3b-9a8e-7f6e5d4c3b2a","resourceVersion":"123456","generation":3,\
        "creationTimestamp":"2026-11-22T10:00:00Z","labels":{"app":"demo","rollouts-pod-template-hash":"6f7d8c9b5"},\
        "annotations":{"rollout.argoproj.io/revision":"3","rollout.argoproj.io/desired-replicas":"10"},\
        "ownerReferences":[{"apiVersion":"argoproj.io/v1alpha1","kind":"Rollout","name":"demo",\
        "uid":"1b1c2f0e-1d2a-4c3b-9a8e-7f6e5d4c3b2a","controller":true,"blockOwnerDeletion":true}],\
        "managedFields":[{"manager":"argo-rollouts","operation":"Update","apiVersion":"apps/v1",\
        "time":"2026-11-22T10:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:annotations":\
        {".":{},"f:rollout.argoproj.io/desired-replicas":{},"f:rollout.argoproj.io/revision":{}}}}}]},\
        "spec":{"replicas":10,"minReadySeconds":0,"selector":{"matchLabels":{"app":"demo",\
        "rollouts-pod-template-hash":"6f7d8c9b5"}},"template":{"metadata":{"labels":{"app":"demo",\
        "rollouts-pod-template-hash":"6f7d8c9b5"}},"spec":{"containers":[{"name":"demo",\
        "image":"argoproj/rollouts-demo:blue","ports":[{"name":"http","containerPort":8080,"protocol":"TCP"}],\
        "resources":{"requests":{"memory":"32Mi","cpu":"5m"}},"imagePullPolicy":"IfNotPresent",\
        "terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}],\
        "restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst",\
        "securityContext":{},"schedulerName":"default-scheduler"}}},"status":{"replicas":10,\
        "fullyLabeledReplicas":10,"readyReplicas":10,"availableReplicas":10,"observedGeneration":3}}
        """
}
