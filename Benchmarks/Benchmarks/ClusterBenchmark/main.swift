import EmbeddedCluster
import Foundation
import KubeAPI
import KubeTestKit

// Measures the embedded API server against the targets of issue 2:
// sustained writes/s, watch events delivered/s with 10 watchers, list latency for 10,000 objects,
// and resident memory per stored Pod beyond its JSON size (50,000 Pods).

func residentBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
        let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
    else { return 0 }
    return kilobytes * 1024
}

func pod(_ index: Int) -> JSONValue {
    [
        "apiVersion": "v1", "kind": "Pod",
        "metadata": [
            "name": .string("pod-\(index)"), "labels": ["app": "bench", "shard": .string(String(index % 10))],
        ],
        "spec": ["containers": [["name": "app", "image": "nginx:1.25", "ports": [["containerPort": 80]]]]],
    ]
}

/// Prints a result line at once, so a later failure cannot swallow it.
func report(_ line: String) {
    print(line)
    fflush(nil)
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

let clock = ContinuousClock()
let configuration = EmbeddedClusterConfiguration(historyLimit: 5_000)

try await withEmbeddedCluster(configuration) { cluster in
    let client = await cluster.rawClient()
    guard let pods = ResourceRegistry.standard.resource(group: "", version: "v1", plural: "pods"),
        let configMaps = ResourceRegistry.standard.resource(group: "", version: "v1", plural: "configmaps")
    else { return }

    // 1. Sustained writes over HTTP: 16 concurrent clients creating ConfigMaps for 3 seconds.
    let writeWindow = Duration.seconds(3)
    let start = clock.now
    let written = try await withThrowingTaskGroup(of: Int.self) { group in
        for worker in 0..<16 {
            group.addTask {
                var count = 0
                while clock.now - start < writeWindow {
                    let object: JSONValue = [
                        "apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string("w\(worker)-\(count)")],
                        "data": ["k": "v"],
                    ]
                    let reply = try await client.post("/api/v1/namespaces/default/configmaps", object)
                    precondition(reply.status == 201)
                    count += 1
                }
                return count
            }
        }
        var total = 0
        for try await count in group { total += count }
        return total
    }
    let httpWrites = Double(written) / seconds(clock.now - start)
    report(String(format: "writes over HTTP (16 clients):        %8.0f /s", httpWrites))

    // Store-level writes, to separate HTTP cost from storage cost.
    let storeStart = clock.now
    for index in 0..<20_000 {
        let object: JSONValue = [
            "apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string("s-\(index)")], "data": ["k": "v"],
        ]
        try await cluster.store.create(
            configMaps,
            namespace: "default",
            object: object,
            context: WriteContext(identity: "bench")
        )
    }
    report(String(format: "writes in the store:                  %8.0f /s", 20_000 / seconds(clock.now - storeStart)))

    // 2. Watch fan-out: 10 HTTP watchers, 5,000 writes each must reach all of them.
    let events = 5_000
    let base = await cluster.store.currentResourceVersion
    let fanOutStart = clock.now
    let delivered = try await withThrowingTaskGroup(of: Int.self) { group in
        for _ in 0..<10 {
            let lines = try await client.watch("/api/v1/namespaces/default/pods?watch=true&resourceVersion=\(base)")
            group.addTask {
                var seen = 0
                for try await _ in lines {
                    seen += 1
                    if seen == events { break }
                }
                return seen
            }
        }
        for index in 0..<events {
            try await cluster.store.create(
                pods,
                namespace: "default",
                object: pod(index),
                context: WriteContext(identity: "bench")
            )
        }
        var total = 0
        for try await count in group { total += count }
        return total
    }
    report(
        String(
            format: "watch events delivered (10 watchers): %8.0f /s",
            Double(delivered) / seconds(clock.now - fanOutStart)
        )
    )

    // 3. List latency with 10,000 Pods stored.
    for index in events..<10_000 {
        try await cluster.store.create(
            pods,
            namespace: "default",
            object: pod(index),
            context: WriteContext(identity: "bench")
        )
    }
    var latencies: [Double] = []
    for _ in 0..<10 {
        let listStart = clock.now
        let reply = try await client.get("/api/v1/namespaces/default/pods")
        latencies.append(seconds(clock.now - listStart) * 1000)
        precondition(reply.status == 200)
    }
    latencies.sort()
    report(
        String(
            format: "list 10,000 Pods over HTTP:           p50 %.1f ms, max %.1f ms",
            latencies[latencies.count / 2],
            latencies.last ?? 0
        )
    )
}

// 4. Memory: 50,000 Pods in a fresh store, measured as resident memory growth.
do {
    guard let pods = ResourceRegistry.standard.resource(group: "", version: "v1", plural: "pods") else {
        fatalError("no pods")
    }
    let store = ClusterStore(historyLimit: 5_000)
    let before = residentBytes()
    var jsonBytes = 0
    for index in 0..<50_000 {
        let stored = try await store.create(
            pods,
            namespace: "default",
            object: pod(index),
            context: WriteContext(identity: "bench")
        )
        jsonBytes += stored.count
    }
    let growth = residentBytes() - before
    let perPod = Double(growth) / 50_000
    let jsonPerPod = Double(jsonBytes) / 50_000
    report(
        String(
            format: "memory, 50,000 Pods:                  %.0f B/Pod resident, %.0f B/Pod JSON, %.0f B/Pod overhead",
            perPod,
            jsonPerPod,
            perPod - jsonPerPod
        )
    )
    report("(the last 5,000 events are also held in the watch history, sharing the objects' bytes)")
    _ = await store.count(pods)
}
