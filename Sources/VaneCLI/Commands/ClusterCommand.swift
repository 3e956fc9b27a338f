import ArgumentParser

/// `vane cluster`: the embedded Kubernetes API server, for trying Vane and for tests.
struct ClusterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Run an embedded Kubernetes API server on this machine.",
        discussion: "Example:\n  vane cluster up --kubeconfig-out /tmp/vane/kubeconfig",
        subcommands: [ClusterUpCommand.self]
    )
}
