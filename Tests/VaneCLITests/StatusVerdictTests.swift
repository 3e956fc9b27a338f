import KubeAPI
import Testing

@testable import VaneCLI

/// What `vane status --watch` concludes from a Rollout, including the moments between an operator's
/// write and the controller's answer, when the written phase is stale.
@Suite struct StatusVerdictTests {
    static func rollout(
        phase: String,
        message: String = "",
        generation: Int64 = 2,
        observed: String = "2",
        edit: (inout RolloutStatus) -> Void = { _ in }
    ) -> Rollout {
        var metadata = ObjectMeta(name: "demo", namespace: "default")
        metadata.generation = generation
        var rollout = Rollout(metadata: metadata, spec: RolloutSpec())
        var status = RolloutStatus()
        status.phase = phase
        status.message = message
        status.observedGeneration = observed
        edit(&status)
        rollout.status = status
        return rollout
    }

    @Test func settledPhases() {
        #expect(StatusCommand.verdict(Self.rollout(phase: "Healthy")) == .healthy)
        #expect(
            StatusCommand.verdict(Self.rollout(phase: "Paused", message: "CanaryPauseStep"))
                == .paused("CanaryPauseStep")
        )
        #expect(
            StatusCommand.verdict(Self.rollout(phase: "Degraded", message: "InvalidSpec: bad"))
                == .degraded("InvalidSpec: bad")
        )
        let aborted = Self.rollout(phase: "Degraded", message: "RolloutAborted: Rollout aborted update to revision 2") {
            $0.abort = true
        }
        #expect(StatusCommand.verdict(aborted) == .degraded("RolloutAborted: Rollout aborted update to revision 2"))
    }

    @Test func stalePhasesAreWaitedOut() {
        #expect(
            StatusCommand.verdict(Self.rollout(phase: "Healthy", observed: "1"))
                == .waiting("waiting for rollout spec update to be observed")
        )
        let unpausing = Self.rollout(phase: "Paused") { $0.controllerPause = true }
        #expect(StatusCommand.verdict(unpausing) == .waiting("waiting for rollout to unpause"))
        let abortWritten = Self.rollout(phase: "Paused", message: "CanaryPauseStep") { $0.abort = true }
        #expect(StatusCommand.verdict(abortWritten) == .waiting("waiting for the abort to be carried out"))
        let retryWritten = Self.rollout(
            phase: "Degraded",
            message: "RolloutAborted: Rollout aborted update to revision 2"
        ) { $0.abort = false }
        #expect(StatusCommand.verdict(retryWritten) == .waiting("waiting for the retry to be carried out"))
    }
}
