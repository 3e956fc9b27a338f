import ArgumentParser

/// `vane get`: details of one object; `rollout` is the only kind so far.
struct GetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Show details about a rollout.",
        discussion: "Example:\n  vane get rollout rollouts-demo",
        subcommands: [GetRolloutCommand.self]
    )
}
