public import ArgumentParser
import Foundation

/// The `vane` command: the controller, the embedded cluster, the demo and the operator CLI
/// are subcommands of one binary (also installed as the kubectl plugin `kubectl-vane`).
public struct VaneCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "vane",
        abstract: "Progressive delivery for Kubernetes, compatible with the Argo Rollouts API.",
        version: VaneVersion.version,
        subcommands: [
            DemoCommand.self,
            ControllerCommand.self,
            ClusterCommand.self,
            GetCommand.self,
            ListCommand.self,
            SetCommand.self,
            UndoCommand.self,
            PromoteCommand.self,
            AbortCommand.self,
            RetryCommand.self,
            PauseCommand.self,
            ResumeCommand.self,
            RestartCommand.self,
            StatusCommand.self,
            LintCommand.self,
            VersionCommand.self,
            CompletionCommand.self,
        ]
    )

    public init() {}
}

/// The process entry point, so that `main.swift` needs nothing but this module.
///
/// Exit codes follow spec/cli.md rather than ArgumentParser's defaults: 0 success, 1 failure with one
/// readable line on stderr, 2 usage errors.
public enum VaneMain {
    public static func run() async {
        do {
            var command = try VaneCommand.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = VaneCommand.exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((VaneCommand.fullMessage(for: error) + "\n").utf8))
                exit(2)
            }
            VaneCommand.exit(withError: error)
        }
    }
}
