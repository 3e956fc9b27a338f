import ArgumentParser
import Foundation
import KubeAPI
import KubeClient

/// `vane list rollouts [-A]`: the incumbent's columns, in the current namespace or all of them.
struct ListRolloutsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollouts",
        abstract: "List rollouts with their strategy, status, step, weight and replica counts.",
        discussion: "Examples:\n  vane list rollouts\n  vane list rollouts --all-namespaces",
        aliases: ["rollout", "ro"]
    )
    @OptionGroup var options: GlobalOptions
    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "List rollouts in every namespace.")
    var allNamespaces = false

    func run() async throws {
        let configuration = try options.clientConfiguration()
        let namespace = allNamespaces ? nil : configuration.namespace
        let rollouts = try await withCommandClient(configuration) { client in
            try await client.list(Rollout.self, namespace: namespace).items
        }
        guard !rollouts.isEmpty else {
            let scope = namespace.map { " in \($0) namespace" } ?? ""
            FileHandle.standardError.write(Data("No resources found\(scope).\n".utf8))
            return
        }
        Console.write(RolloutListTable.render(rollouts, allNamespaces: allNamespaces))
    }
}
