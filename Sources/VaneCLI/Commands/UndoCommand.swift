import ArgumentParser
import KubeAPI
import KubeClient

/// `vane undo NAME [--to-revision N]`: puts back the pod template of an earlier revision (taken
/// from that revision's ReplicaSet, without its hash label) with a JSON Patch that replaces
/// `spec.template` only if it is still the template that was read.
struct UndoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Roll back to an earlier revision's pod template.",
        discussion: """
            Without --to-revision, the highest revision below the current one is restored. Examples:
              vane undo rollouts-demo
              vane undo rollouts-demo --to-revision 3
            """
    )
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Rollout name.") var name: String
    @Option(
        name: .customLong("to-revision"),
        help: "The revision to roll back to (default: the one before the current)."
    )
    var toRevision: Int?

    func validate() throws {
        if let toRevision, toRevision < 1 {
            throw ValidationError("--to-revision must be a positive revision number, got \(toRevision)")
        }
    }

    func run() async throws {
        let configuration = try options.clientConfiguration()
        let namespace = configuration.namespace
        let outcome = try await withCommandClient(configuration) { client -> String in
            for attempt in 1...SetImageCommand.attempts {
                let rollout = try await client.rolloutDocument(named: name, in: namespace)
                let selector = (try? KubeJSON.decode(Rollout.self, from: rollout)).flatMap(RolloutObjects.selector(of:))
                let replicaSets = try await client.list(
                    ReplicaSet.resource,
                    namespace: namespace,
                    labelSelector: selector
                ).items
                switch try UndoPlan.make(rollout: rollout, replicaSets: replicaSets, toRevision: toRevision) {
                case .alreadyCurrent(let revision):
                    return "skipped rollback (current template already matches revision \(revision))"
                case .restore(let revision, let patch):
                    do {
                        _ = try await client.patch(
                            Rollout.resource,
                            name: name,
                            namespace: namespace,
                            patch: .array(patch),
                            type: .json
                        )
                        return "rollout '\(name)' undo: restored the template of revision \(revision)"
                    } catch let error as KubeError where error.isFailedPatchTest && attempt < SetImageCommand.attempts {
                        continue
                    }
                }
            }
            throw CLIFailure("rollout \(name) kept changing; undo not applied")
        }
        Console.line(outcome)
    }
}
