import ArgumentParser

/// `vane completion bash|zsh|fish`: the shell completion script ArgumentParser generates.
struct CompletionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completion",
        abstract: "Print the shell completion script for bash, zsh or fish.",
        discussion: """
            Examples:
              source <(vane completion bash)
              vane completion zsh > "${fpath[1]}/_vane"
            """
    )
    enum Shell: String, ExpressibleByArgument, CaseIterable {
        case bash
        case zsh
        case fish

        var completionShell: CompletionShell {
            switch self {
            case .bash: .bash
            case .zsh: .zsh
            case .fish: .fish
            }
        }
    }

    @Argument(help: "bash, zsh or fish.") var shell: Shell

    func run() {
        print(VaneCommand.completionScript(for: shell.completionShell))
    }
}
