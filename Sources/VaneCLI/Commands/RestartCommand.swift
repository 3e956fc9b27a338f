import ArgumentParser
import Foundation
import KubeAPI

/// `vane restart NAME`: sets `spec.restartAt` to now, and the controller restarts older pods.
struct RestartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restart",
        abstract: "Restart a rollout's pods (spec.restartAt: now).",
        discussion: "Example:\n  vane restart rollouts-demo"
    )
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Rollout name.") var name: String

    func run() async throws {
        let time = KubeTime(Date())
        let line = try await RolloutPatcher.run(name, options: options) { patcher in
            try await patcher.patchSpec(["restartAt": .string(time.description)])
            return "rollout '\(name)' restarts at \(time)"
        }
        Console.line(line)
    }
}
