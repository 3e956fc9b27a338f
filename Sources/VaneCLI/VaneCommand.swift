public import ArgumentParser

/// The `vane` command: the controller, the embedded cluster, the demo and the operator CLI
/// are subcommands of one binary (also installed as the kubectl plugin `kubectl-vane`).
public struct VaneCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "vane",
        abstract: "Progressive delivery for Kubernetes, compatible with the Argo Rollouts API.",
        version: VaneVersion.version,
        subcommands: [
            ClusterCommand.self,
            VersionCommand.self,
        ]
    )

    public init() {}
}

/// The process entry point, so that `main.swift` needs nothing but this module.
public enum VaneMain {
    public static func run() async {
        await VaneCommand.main()
    }
}
