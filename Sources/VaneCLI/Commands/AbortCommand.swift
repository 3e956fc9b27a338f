import ArgumentParser
import KubeAPI

/// `vane abort NAME`: sets `status.abort`, and the controller scales the canary away.
struct AbortCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "abort",
        abstract: "Abort a rollout: scale the canary away and go back to stable.",
        discussion: "Example:\n  vane abort rollouts-demo"
    )
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Rollout name.") var name: String

    func run() async throws {
        let line = try await RolloutPatcher.run(name, options: options) { patcher in
            try await patcher.patchStatus(["abort": true])
            return "rollout '\(name)' aborted"
        }
        Console.line(line)
    }
}
