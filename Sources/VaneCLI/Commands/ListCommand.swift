import ArgumentParser

/// `vane list`: one line per object; `rollouts` is the only kind so far.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List rollouts.",
        discussion: "Example:\n  vane list rollouts -A",
        subcommands: [ListRolloutsCommand.self]
    )
}
