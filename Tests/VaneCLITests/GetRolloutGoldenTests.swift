import Foundation
import KubeAPI
import KubeClient
import KubeTestKit
import Testing

@testable import VaneCLI

/// `vane get rollout` (plain output) at four points of a canary, compared with golden files.
@Suite("vane get rollout golden files", .timeLimit(.minutes(2)))
struct GetRolloutGoldenTests {
    /// Runs `vane get rollout demo` and checks it against `golden`; the output must also say `phase`.
    func expectView(
        _ ops: OperatorCluster,
        matches golden: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let result = try await ops.vane(["get", "rollout", "demo"])
        #expect(result.status == 0, "\(result.errors)", sourceLocation: sourceLocation)
        #expect(result.errors.isEmpty, "\(result.errors)", sourceLocation: sourceLocation)
        #expect(
            !result.output.contains("\u{1B}"),
            "plain output must carry no escape sequences",
            sourceLocation: sourceLocation
        )
        try GoldenFile.check(GoldenFile.normalise(result.output), against: golden, sourceLocation: sourceLocation)
    }

    @Test("healthy, paused, aborted and progressing (a canary that never becomes ready) match their golden files")
    func goldenViews() async throws {
        try await withOperatorCluster(podReadyDelay: .milliseconds(50), badImagePattern: "crashloop") { ops in
            _ = try await ops.client.create(OperatorCluster.rollout(image: "demo:v1"))
            try await ops.settle { $0.rollout.status?.phase == "Healthy" }

            #expect(try await ops.vane(["set", "image", "demo", "app=demo:v2"]).status == 0)
            try await ops.settle { $0.rollout.status?.phase == "Paused" }
            try await expectView(ops, matches: "paused")

            #expect(try await ops.vane(["abort", "demo"]).status == 0)
            // The counts in the status follow the canary's pods going away one reconcile later.
            try await ops.settle { objects in
                objects.rollout.status?.phase == "Degraded"
                    && objects.replicaSets.allSatisfy { rs in
                        rs.metadata.label(ArgoLabels.podTemplateHash) == objects.rollout.status?.stableRS
                            || rs.spec.replicas == 0
                    }
                    && objects.rollout.status?.replicas == 4 && objects.rollout.status?.updatedReplicas == 0
            }
            try await expectView(ops, matches: "aborted")

            #expect(try await ops.vane(["retry", "rollout", "demo"]).status == 0)
            try await ops.settle { $0.rollout.status?.phase == "Paused" }
            #expect(try await ops.vane(["promote", "demo"]).status == 0)
            try await ops.settle { objects in
                objects.rollout.status?.phase == "Healthy"
                    && objects.rollout.status?.stableRS == objects.rollout.status?.currentPodHash
            }
            try await expectView(ops, matches: "healthy")

            #expect(try await ops.vane(["set", "image", "demo", "app=demo:v3-crashloop"]).status == 0)
            try await ops.settle { objects in
                let hash = objects.rollout.status?.currentPodHash
                let canary = objects.replicaSets.first { $0.metadata.label(ArgoLabels.podTemplateHash) == hash }
                let crashing = objects.pods.filter { $0.spec?.containers.first?.image == "demo:v3-crashloop" }
                return objects.rollout.status?.phase == "Progressing" && canary?.spec.replicas == 2
                    && crashing.allSatisfy { ($0.status?.containerStatuses ?? []).count == 1 }
                    // The view shows `restarts:N` only once a pod has restarted at least once.
                    && crashing.allSatisfy { ($0.status?.containerStatuses?.first?.restartCount ?? 0) > 0 }
            }
            try await expectView(ops, matches: "progressing")
        }
    }
}
