import ArgumentParser
import KubeAPI

/// `vane promote NAME [--full]`: ends a pause, or skips the current step; `--full` skips them all.
struct PromoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promote",
        abstract: "Promote a paused rollout, or skip its current step.",
        discussion: "Examples:\n  vane promote rollouts-demo\n  vane promote rollouts-demo --full"
    )
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Rollout name.") var name: String
    @Flag(help: "Skip all remaining steps and analysis.") var full = false

    func run() async throws {
        let line = try await RolloutPatcher.run(name, options: options) { patcher in
            if full {
                try await patcher.patchStatus(["promoteFull": true])
                return "rollout '\(name)' fully promoted"
            }
            let spec = patcher.rollout.spec
            let status = patcher.rollout.status
            if spec.paused == true || !(status?.pauseConditions ?? []).isEmpty {
                if spec.paused == true { try await patcher.patchSpec(["paused": false]) }
                try await patcher.patchStatus(["pauseConditions": .null])
                return "rollout '\(name)' promoted"
            }
            let index = Int(status?.currentStepIndex ?? 0)
            try await patcher.patchStatus(["currentStepIndex": .number(JSONNumber(index + 1))])
            return "rollout '\(name)' promoted: skipped step \(index + 1)"
        }
        Console.line(line)
    }
}
