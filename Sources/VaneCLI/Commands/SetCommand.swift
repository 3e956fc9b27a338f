import ArgumentParser

/// `vane set`: edits of a Rollout's template; `image` is the only one so far.
struct SetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Change a rollout's pod template.",
        discussion: "Example:\n  vane set image rollouts-demo rollouts-demo=argoproj/rollouts-demo:yellow",
        subcommands: [SetImageCommand.self]
    )
}
