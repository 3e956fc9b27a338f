import ArgumentParser
import KubeAPI

/// `vane retry rollout NAME`: clears the abort, and the rollout starts again from its first step.
struct RetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Retry an aborted rollout from its first step.",
        discussion: "Example:\n  vane retry rollout rollouts-demo"
    )
    @OptionGroup var options: GlobalOptions
    @Argument(help: "The word 'rollout'.") var kind: String
    @Argument(help: "Rollout name.") var name: String

    func validate() throws {
        guard ["rollout", "rollouts", "ro"].contains(kind) else {
            throw ValidationError("usage: vane retry rollout NAME")
        }
    }

    func run() async throws {
        let line = try await RolloutPatcher.run(name, options: options) { patcher in
            try await patcher.patchStatus(["abort": false, "abortedAt": .null])
            return "rollout '\(name)' retried"
        }
        Console.line(line)
    }
}
