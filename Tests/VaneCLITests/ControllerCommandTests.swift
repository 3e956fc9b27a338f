import EmbeddedCluster
import Foundation
import KubeAPI
import KubeClient
import KubeTestKit
import Testing

@Suite("vane controller", .timeLimit(.minutes(2)))
struct ControllerCommandTests {
    @Test("rolls out, serves /readyz and /metrics, and releases its lease on SIGTERM")
    func controllerProcess() async throws {
        let configuration = EmbeddedClusterConfiguration(
            simulators: SimulatorConfiguration(podReadyDelay: .milliseconds(20))
        )
        try await withEmbeddedCluster(configuration) { cluster in
            try await cluster.withKubeconfigFile { kubeconfig in
                try await withKubeClient(try await cluster.clientConfiguration()) { client in
                    let status = try await VaneBinary.withRunning([
                        "controller", "--kubeconfig", kubeconfig, "--metrics-port", "0", "--healthz-port", "0",
                        "--loglevel", "warning",
                        "--leader-election-lease-duration", "4s", "--leader-election-renew-deadline", "3s",
                        "--leader-election-retry-period", "500ms",
                    ]) { vane in
                        var output = vane.stdout.makeAsyncIterator()
                        let metricsPort = try #require(await output.next()?.split(separator: " ").last.map(String.init))
                        let healthzPort = try #require(await output.next()?.split(separator: " ").last.map(String.init))

                        let labels = ["app": "web"]
                        _ = try await client.create(
                            Rollout(
                                metadata: ObjectMeta(name: "web", namespace: "default"),
                                spec: RolloutSpec(
                                    replicas: 2,
                                    selector: LabelSelector(matchLabels: labels),
                                    template: PodTemplateSpec(
                                        metadata: ObjectMeta(labels: labels),
                                        spec: PodSpec(containers: [Container(name: "web", image: "web:1")])
                                    ),
                                    strategy: RolloutStrategy(
                                        canary: CanaryStrategy(steps: [CanaryStep(setWeight: 50)])
                                    )
                                )
                            )
                        )
                        for try await update in try await client.watch(Rollout.self, namespace: "default") {
                            if case .modified(let rollout) = update, rollout.status?.phase == "Healthy" { break }
                        }
                        let health = RawAPIClient(baseURL: "http://127.0.0.1:\(healthzPort)", token: nil)
                        let ready = try await health.get("/readyz")
                        #expect(ready.status == 200, "\(ready.text)")
                        #expect(try await health.get("/healthz").status == 200)
                        let metrics = try await RawAPIClient(baseURL: "http://127.0.0.1:\(metricsPort)", token: nil)
                            .get("/metrics").text
                        #expect(metrics.contains("vane_leader 1"))
                        #expect(metrics.contains("vane_workqueue_adds_total"))

                        vane.terminate()
                    }
                    #expect(status == 0)
                    let lease = try await client.get(Lease.self, name: "vane-controller-lock", namespace: "default")
                    #expect(lease.spec?.holderIdentity == "")
                }
            }
        }
    }

    @Test("impossible leader-election durations are a usage error naming the flags")
    func badDurations() async throws {
        let result = try await VaneBinary.run(["controller", "--leader-election-renew-deadline", "20s"])
        #expect(result.status == 2)
    }
}
