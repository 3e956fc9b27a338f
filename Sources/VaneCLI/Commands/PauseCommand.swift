import ArgumentParser
import KubeAPI

/// `vane pause NAME`: sets `spec.paused`.
struct PauseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pause",
        abstract: "Pause a rollout (spec.paused: true).",
        discussion: "Example:\n  vane pause rollouts-demo"
    )
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Rollout name.") var name: String

    func run() async throws {
        let line = try await RolloutPatcher.run(name, options: options) { patcher in
            try await patcher.patchSpec(["paused": true])
            return "rollout '\(name)' paused"
        }
        Console.line(line)
    }
}
