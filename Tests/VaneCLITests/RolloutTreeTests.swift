import Foundation
import KubeAPI
import Testing

@testable import VaneCLI

/// The pure renderer of `vane get rollout`, with a fixed `now`: a canary paused at step 1 of 4 whose
/// canary pod crash-loops, an AnalysisRun running, and an old revision waiting to be scaled down.
struct RolloutTreeTests {
    static let now = Date(timeIntervalSince1970: 1_735_732_800)  // 2025-01-01T12:00:00Z

    static func ago(_ seconds: Double) -> KubeTime { KubeTime(now.addingTimeInterval(-seconds)) }

    static func meta(_ name: String, uid: String, owner: String?, created: KubeTime, revision: Int? = nil) -> ObjectMeta
    {
        var meta = ObjectMeta(name: name, namespace: "prod")
        meta.uid = uid
        meta.generation = 1
        meta.creationTimestamp = created
        if let owner {
            meta.ownerReferences = [
                OwnerReference(apiVersion: "v1", kind: "Owner", name: "owner", uid: owner, controller: true)
            ]
        }
        if let revision { meta.setAnnotation(ArgoAnnotations.revision, String(revision)) }
        return meta
    }

    static var rollout: Rollout {
        var meta = meta("shop", uid: "ro-uid", owner: nil, created: ago(7 * 86_400))
        meta.generation = 3
        var rollout = Rollout(
            metadata: meta,
            spec: RolloutSpec(
                replicas: 3,
                selector: LabelSelector(matchLabels: ["app": "shop"]),
                template: PodTemplateSpec(
                    metadata: ObjectMeta(labels: ["app": "shop"]),
                    spec: PodSpec(containers: [Container(name: "shop", image: "shop:1.1")])
                ),
                strategy: RolloutStrategy(
                    canary: CanaryStrategy(steps: [
                        CanaryStep(setWeight: 20), CanaryStep(pause: RolloutPause()),
                        CanaryStep(setWeight: 60), CanaryStep(pause: RolloutPause(duration: .string("30s"))),
                    ])
                )
            )
        )
        var status = RolloutStatus()
        status.phase = "Paused"
        status.message = "CanaryPauseStep"
        status.observedGeneration = "3"
        status.currentStepIndex = 1
        status.currentPodHash = "6b9f7c5d4"
        status.stableRS = "58d8c9f7b"
        status.replicas = 4
        status.updatedReplicas = 1
        status.readyReplicas = 3
        status.availableReplicas = 3
        rollout.status = status
        return rollout
    }

    static func replicaSet(
        _ hash: String,
        revision: Int,
        replicas: Int32,
        available: Int32,
        image: String,
        created: KubeTime
    ) -> ReplicaSet {
        var meta = meta("shop-\(hash)", uid: "rs-\(hash)", owner: "ro-uid", created: created, revision: revision)
        meta.setLabel(ArgoLabels.podTemplateHash, hash)
        return ReplicaSet(
            metadata: meta,
            spec: ReplicaSetSpec(
                replicas: replicas,
                template: PodTemplateSpec(spec: PodSpec(containers: [Container(name: "shop", image: image)]))
            ),
            status: ReplicaSetStatus(
                replicas: replicas,
                readyReplicas: available,
                availableReplicas: available,
                observedGeneration: 1
            )
        )
    }

    static func pod(_ name: String, of hash: String, created: KubeTime, ready: Bool, restarts: Int32 = 0) -> Pod {
        let state: JSONValue =
            ready ? ["running": ["startedAt": "2025-01-01T00:00:00Z"]] : ["waiting": ["reason": "CrashLoopBackOff"]]
        return Pod(
            metadata: meta(name, uid: "pod-\(name)", owner: "rs-\(hash)", created: created),
            spec: PodSpec(containers: [Container(name: "shop")]),
            status: PodStatus(
                phase: "Running",
                containerStatuses: [
                    ContainerStatus(name: "shop", ready: ready, restartCount: restarts, image: "shop", state: state)
                ]
            )
        )
    }

    static var replicaSets: [ReplicaSet] {
        var old = replicaSet(
            "7c6b5a4d3",
            revision: 1,
            replicas: 0,
            available: 0,
            image: "shop:0.9",
            created: ago(7 * 86_400)
        )
        old.metadata.setAnnotation("scale-down-deadline", KubeTime(now.addingTimeInterval(4 * 3600)).description)
        return [
            old,
            replicaSet(
                "58d8c9f7b",
                revision: 2,
                replicas: 3,
                available: 3,
                image: "shop:1.0",
                created: ago(7 * 86_400)
            ),
            replicaSet("6b9f7c5d4", revision: 3, replicas: 1, available: 0, image: "shop:1.1", created: ago(95)),
        ]
    }

    static var pods: [Pod] {
        [
            pod("shop-58d8c9f7b-klmno", of: "58d8c9f7b", created: ago(3 * 3600 + 300), ready: true),
            pod("shop-6b9f7c5d4-pqrst", of: "6b9f7c5d4", created: ago(90), ready: false, restarts: 3),
            pod("shop-58d8c9f7b-fghij", of: "58d8c9f7b", created: ago(7 * 86_400), ready: true),
            pod("shop-58d8c9f7b-abcde", of: "58d8c9f7b", created: ago(7 * 86_400), ready: true),
            pod("unrelated-abcde", of: "someone-else", created: ago(10), ready: true),
        ]
    }

    static var analysisRuns: [AnalysisRun] {
        get throws {
            var run: JSONValue = [
                "apiVersion": "argoproj.io/v1alpha1", "kind": "AnalysisRun",
                "status": [
                    "phase": "Running",
                    "metricResults": [["name": "errors", "successful": 4, "failed": 1], ["name": "latency"]],
                ],
            ]
            let metadata = meta("shop-6b9f7c5d4-3-canary", uid: "ar", owner: "ro-uid", created: ago(60), revision: 3)
            run["metadata"] = try KubeJSON.encodeValue(metadata)
            return [try KubeJSON.decode(AnalysisRun.self, from: run)]
        }
    }

    func render(_ style: OutputStyle) throws -> String {
        RolloutTree.render(
            rollout: Self.rollout,
            replicaSets: Self.replicaSets,
            pods: Self.pods,
            analysisRuns: try Self.analysisRuns,
            now: Self.now,
            style: style
        )
    }

    @Test("plain output: the incumbent's header and tree, no icons and no escape sequences")
    func plain() throws {
        #expect(
            try render(.plain) == """
                Name:            shop
                Namespace:       prod
                Status:          Paused
                Message:         CanaryPauseStep
                Strategy:        Canary
                  Step:          1/4
                  SetWeight:     20
                  ActualWeight:  0
                Images:          shop:1.0 (stable)
                                 shop:1.1 (canary)
                Replicas:
                  Desired:       3
                  Current:       4
                  Updated:       1
                  Ready:         3
                  Available:     3

                NAME                           KIND         STATUS            AGE   INFO
                shop                           Rollout      Paused            7d
                ├──# revision:3
                │  ├──shop-6b9f7c5d4           ReplicaSet   Progressing       95s   canary
                │  │  └──shop-6b9f7c5d4-pqrst  Pod          CrashLoopBackOff  90s   ready:0/1,restarts:3
                │  └──shop-6b9f7c5d4-3-canary  AnalysisRun  Running           60s   successful:4,failed:1
                ├──# revision:2
                │  └──shop-58d8c9f7b           ReplicaSet   Healthy           7d    stable
                │     ├──shop-58d8c9f7b-abcde  Pod          Running           7d    ready:1/1
                │     ├──shop-58d8c9f7b-fghij  Pod          Running           7d    ready:1/1
                │     └──shop-58d8c9f7b-klmno  Pod          Running           3h5m  ready:1/1
                └──# revision:1
                   └──shop-7c6b5a4d3           ReplicaSet   ScaledDown        7d    delay:4h

                """
        )
    }

    @Test(
        "terminal output: coloured status icons, kind icons and role tags; columns still align once escapes are stripped"
    )
    func terminal() throws {
        let output = try render(.terminal)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains("Status:          ॥ Paused"))
        #expect(lines.contains("Images:          shop:1.0 (\u{1B}[32mstable\u{1B}[0m)"))
        #expect(lines.contains("                 shop:1.1 (\u{1B}[33mcanary\u{1B}[0m)"))
        let plainLines = lines.map { $0.replacing(/\x{1B}\[[0-9;]*m/, with: "") }
        #expect(plainLines.contains { $0.hasPrefix("⟳ shop ") && $0.contains("Rollout      ॥ Paused") })
        #expect(plainLines.contains { $0.contains("□ shop-6b9f7c5d4-pqrst") && $0.contains("✖ CrashLoopBackOff") })
        #expect(
            plainLines.contains {
                $0.contains("α shop-6b9f7c5d4-3-canary") && $0.contains("◌ Running") && $0.hasSuffix("✔ 4,✖ 1")
            }
        )
        #expect(plainLines.contains { $0.contains("⧉ shop-7c6b5a4d3") && $0.contains("• ScaledDown") })
        #expect(output.contains("\u{1B}[31m✖\u{1B}[0m CrashLoopBackOff"))
        #expect(output.contains("\u{1B}[32m✔\u{1B}[0m Running"))

        let table = try #require(plainLines.firstIndex { $0.hasPrefix("NAME") })
        let kindColumn = try #require(plainLines[table].range(of: "KIND")).lowerBound
        let offset = plainLines[table].distance(from: plainLines[table].startIndex, to: kindColumn)
        for line in plainLines[(table + 1)...] where !line.isEmpty && !line.contains("# revision") {
            let characters = Array(line)
            #expect(characters[offset - 1] == " " && characters[offset] != " ", "KIND column misaligned in: \(line)")
        }
    }

    @Test("weights: aborted is 0, past the last step is 100, a step without setWeight takes the last one before it")
    func weights() {
        var rollout = Self.rollout
        #expect(RolloutView.currentSetWeight(rollout) == 20)
        rollout.status?.currentStepIndex = 3
        #expect(RolloutView.currentSetWeight(rollout) == 60)
        rollout.status?.currentStepIndex = 4
        #expect(RolloutView.currentSetWeight(rollout) == 100)
        #expect(RolloutView(rollout: rollout, replicaSets: [], pods: [], analysisRuns: []).actualWeight == "100")
        rollout.status?.abort = true
        #expect(RolloutView.currentSetWeight(rollout) == 0)
    }

    @Test("a status the controller wrote for an older generation is not trusted")
    func staleStatus() {
        var rollout = Self.rollout
        rollout.metadata.generation = 4
        let (phase, message) = RolloutView.phase(of: rollout)
        #expect(phase == "Progressing")
        #expect(message == "waiting for rollout spec update to be observed")
    }

    @Test("pod status: init containers first, terminated reasons, Terminating once deleted")
    func podStatus() {
        var pod = Self.pod("p", of: "x", created: Self.ago(1), ready: true)
        #expect(PodSummary(pod).status == "Running")
        pod.status?.containerStatuses?[0].state = ["terminated": ["exitCode": 137, "signal": 9]]
        #expect(PodSummary(pod).status == "Signal:9")
        pod.status?.containerStatuses?[0].state = ["terminated": ["exitCode": 1, "reason": "Error"]]
        #expect(PodSummary(pod).status == "Error")
        #expect(StatusIcon.forPod("Error") == .warning)
        pod.spec?.initContainers = [Container(name: "migrate")]
        pod.status?.unknownFields["initContainerStatuses"] = [
            ["name": "migrate", "ready": false, "restartCount": 2, "state": ["waiting": ["reason": "PodInitializing"]]]
        ]
        #expect(PodSummary(pod).status == "Init:0/1")
        #expect(PodSummary(pod).restarts == 2)
        pod.metadata.deletionTimestamp = Self.ago(0)
        #expect(PodSummary(pod).status == "Terminating")
    }
}
