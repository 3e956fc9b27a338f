import Foundation
import KubeTestKit
import Testing

@Suite("vane demo", .timeLimit(.minutes(2)))
struct DemoTests {
    @Test("the tour rolls the demo Rollout through its steps and exits 0 when it is Healthy on the new image")
    func demo() async throws {
        let result = try await VaneBinary.run([
            "demo", "--replicas", "3", "--step-pause", "1s", "--pod-ready-delay", "20ms",
        ])
        let output = result.lines
        #expect(result.status == 0)
        let text = output.joined(separator: "\n")
        #expect(text.contains("Done: rollouts-demo is Healthy on argoproj/rollouts-demo:yellow."))
        #expect(output.contains { $0.contains("Paused") && $0.contains("step 1/4") && $0.contains("CanaryPauseStep") })
        #expect(output.contains { $0.contains("Paused") && $0.contains("step 3/4") })
        let leader = try #require(output.first { $0.contains("leader:") })
        #expect(leader.contains("demo-controller-"))
        // Only the leader wrote.
        let writes = try #require(output.first { $0.contains("controller writes:") })
        #expect(writes.contains("all by demo-controller-") && !writes.contains(", demo-controller-"))
    }

    @Test("a bad replica count is a usage error")
    func badReplicas() async throws {
        let result = try await VaneBinary.run(["demo", "--replicas", "0"])
        #expect(result.status == 2)
    }
}
