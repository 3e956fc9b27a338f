import ArgumentParser
import KubeAPI

/// `vane resume NAME`: clears `spec.paused`.
struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Resume a paused rollout (spec.paused: false).",
        discussion: "Example:\n  vane resume rollouts-demo"
    )
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Rollout name.") var name: String

    func run() async throws {
        let line = try await RolloutPatcher.run(name, options: options) { patcher in
            try await patcher.patchSpec(["paused": false])
            return "rollout '\(name)' resumed"
        }
        Console.line(line)
    }
}
