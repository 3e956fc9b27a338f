import EmbeddedCluster
import Foundation
import KubeAPI
import KubeClient
import KubeTestKit

// Issue 5 figures: N Rollouts of 3 replicas (default 1,000) rolled out at once on the embedded cluster
// by a separate `vane controller` process (release build), so its CPU time and peak memory are its
// own: total time of the update, controller CPU seconds and peak RSS (from /proc), API writes per
// completed rollout by kind (from the cluster's audit log), and writes once everything is Healthy.
//
//   swift build -c release --product vane            (in the repository root)
//   swift run -c release RolloutsBenchmark [rollouts] (in Benchmarks/)

func report(_ line: String) {
    print(line)
    fflush(nil)
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// utime + stime of a process, in seconds, and its peak resident set (VmHWM) in bytes.
func usage(of pid: Int32) -> (cpu: Double, peakRSS: Int) {
    let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
    var cpu = 0.0
    if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
    {
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // Fields after the command: state is 0, utime is 11, stime is 12.
        if fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) {
            cpu = (user + system) / ticks
        }
    }
    var peak = 0
    if let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
    {
        peak = kilobytes * 1024
    }
    return (cpu, peak)
}

func rollout(_ index: Int, image: String) -> Rollout {
    let labels = ["app": "bench-\(index)"]
    return Rollout(
        metadata: ObjectMeta(name: "bench-\(index)", namespace: "default"),
        spec: RolloutSpec(
            replicas: 3,
            selector: LabelSelector(matchLabels: labels),
            template: PodTemplateSpec(
                metadata: ObjectMeta(labels: labels),
                spec: PodSpec(containers: [Container(name: "app", image: image)])
            ),
            strategy: RolloutStrategy(
                canary: CanaryStrategy(steps: [
                    CanaryStep(setWeight: 34), CanaryStep(pause: RolloutPause(duration: .int(1))),
                ])
            )
        )
    )
}

/// Watches Rollouts until `count` of them satisfy `done`.
func waitUntil(_ client: KubeClient, count: Int, _ done: @escaping (Rollout) -> Bool) async throws {
    let list = try await client.list(Rollout.self, namespace: "default")
    var satisfied = Set(list.items.filter(done).compactMap(\.metadata.name))
    guard satisfied.count < count else { return }
    for try await update in try await client.watch(
        Rollout.self,
        namespace: "default",
        resourceVersion: list.metadata.resourceVersion
    ) {
        guard let rollout = update.object, let name = rollout.metadata.name else { continue }
        if done(rollout) { satisfied.insert(name) } else { satisfied.remove(name) }
        if satisfied.count >= count { return }
    }
}

func healthy(on image: String) -> (Rollout) -> Bool {
    { rollout in
        rollout.status?.phase == "Healthy"
            && rollout.status?.observedGeneration == rollout.metadata.generation.map { String($0) }
            && rollout.spec.template?.spec?.containers.first?.image == image
    }
}

let count = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 1_000
let repository = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent()
let vane = ProcessInfo.processInfo.environment["VANE"] ?? repository.appending(path: ".build/release/vane").path
guard FileManager.default.isExecutableFile(atPath: vane) else {
    report("\(vane) not found: run `swift build -c release --product vane` in the repository root first")
    exit(1)
}
let clock = ContinuousClock()
let configuration = EmbeddedClusterConfiguration(
    historyLimit: 200_000,
    tokens: ["token-vane-controller": "vane-controller"],
    simulators: SimulatorConfiguration(podReadyDelay: .milliseconds(100))
)

try await withEmbeddedCluster(configuration) { cluster in
    try await cluster.withKubeconfigFile(user: "vane-controller") { kubeconfig in
        let controller = Process()
        controller.executableURL = URL(filePath: vane)
        controller.arguments = [
            "controller", "--kubeconfig", kubeconfig, "--leader-elect=false", "--metrics-port", "0", "--healthz-port",
            "0",
            "--qps", "1000", "--burst", "2000", "--loglevel", "warning",
        ]
        controller.standardOutput = FileHandle.nullDevice
        try controller.run()
        defer { if controller.isRunning { controller.terminate() } }

        try await withKubeClient(try await cluster.clientConfiguration(requestTimeout: .seconds(60))) { client in
            // The first deploy of every Rollout.
            var start = clock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<count {
                    if index >= 32 { try await group.next() }
                    group.addTask { _ = try await client.create(rollout(index, image: "bench:v1")) }
                }
                try await group.waitForAll()
            }
            try await waitUntil(client, count: count, healthy(on: "bench:v1"))
            report("\(count) rollouts created and Healthy in \(String(format: "%.1f", seconds(clock.now - start))) s")

            // The measured part: a new image for all of them at once.
            let before = usage(of: controller.processIdentifier)
            let auditBefore = await cluster.store.auditLog.count
            start = clock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<count {
                    if index >= 32 { try await group.next() }
                    group.addTask {
                        _ = try await client.patch(
                            Rollout.resource,
                            name: "bench-\(index)",
                            namespace: "default",
                            patch: [
                                "spec": ["template": ["spec": ["containers": [["name": "app", "image": "bench:v2"]]]]]
                            ],
                            type: .merge
                        )
                    }
                }
                try await group.waitForAll()
            }
            try await waitUntil(client, count: count, healthy(on: "bench:v2"))
            let elapsed = seconds(clock.now - start)
            let after = usage(of: controller.processIdentifier)
            let writes = await cluster.store.auditLog.dropFirst(auditBefore).filter { $0.identity == "vane-controller" }
            report(
                "update of \(count) rollouts (setWeight 34 → pause 1s → promote) to Healthy: \(String(format: "%.1f", elapsed)) s"
            )
            report(
                String(
                    format: "controller CPU during the update: %.1f s (%.1f ms per rollout); peak RSS %.0f MB",
                    after.cpu - before.cpu,
                    (after.cpu - before.cpu) * 1000 / Double(count),
                    Double(after.peakRSS) / 1_048_576
                )
            )
            var byKind: [String: Int] = [:]
            for write in writes { byKind["\(write.verb) \(write.resource)", default: 0] += 1 }
            report(
                String(format: "controller writes per completed rollout: %.2f", Double(writes.count) / Double(count))
            )
            for (kind, total) in byKind.sorted(by: { $0.key < $1.key }) {
                report(String(format: "  %@: %.2f", kind, Double(total) / Double(count)))
            }

            // Steady state: nothing to do, nothing written (events included).
            let settled = await cluster.store.auditLog.count
            try await Task.sleep(for: .seconds(15))
            let idle = await cluster.store.auditLog.dropFirst(settled).filter { $0.identity == "vane-controller" }
            report("controller writes in the 15 s after all were Healthy: \(idle.count)")
            report(
                String(
                    format: "controller peak RSS over the whole run: %.0f MB",
                    Double(usage(of: controller.processIdentifier).peakRSS) / 1_048_576
                )
            )
        }
        controller.terminate()
        controller.waitUntilExit()
    }
}
