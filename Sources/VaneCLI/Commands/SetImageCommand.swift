import ArgumentParser
import KubeAPI
import KubeClient

/// `vane set image NAME CONTAINER=IMAGE…`: changes container images with a JSON Patch that tests
/// each container's name at its index before replacing its image — no read-modify-write of the
/// whole Rollout, and a concurrent edit is detected (the patch is then rebuilt and retried).
struct SetImageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image",
        abstract: "Update the images of a rollout's containers.",
        discussion: """
            CONTAINER=IMAGE sets one container's image (init and ephemeral containers of that name too); \
            *=IMAGE sets every container's. Examples:
              vane set image rollouts-demo rollouts-demo=argoproj/rollouts-demo:yellow
              vane set image rollouts-demo '*=argoproj/rollouts-demo:blue'
            """
    )
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Rollout name.") var name: String
    @Argument(help: ArgumentHelp("One or more CONTAINER=IMAGE.", valueName: "CONTAINER=IMAGE")) var assignments:
        [String] = []

    static let attempts = 5

    func validate() throws {
        guard !assignments.isEmpty else { throw ValidationError("missing CONTAINER=IMAGE (e.g. app=nginx:1.27)") }
        for assignment in assignments { _ = try ImageAssignment(parsing: assignment) }
    }

    func run() async throws {
        let parsed = try assignments.map { try ImageAssignment(parsing: $0) }
        let configuration = try options.clientConfiguration()
        let namespace = configuration.namespace
        try await withCommandClient(configuration) { client in
            for attempt in 1...Self.attempts {
                let rollout = try await client.rolloutDocument(named: name, in: namespace)
                let operations = try SetImagePatch.operations(for: rollout, parsed)
                do {
                    _ = try await client.patch(
                        Rollout.resource,
                        name: name,
                        namespace: namespace,
                        patch: .array(operations),
                        type: .json
                    )
                    break
                } catch let error as KubeError where error.isFailedPatchTest && attempt < Self.attempts {
                    continue
                }
            }
        }
        Console.line("rollout '\(name)' image updated: \(parsed.map(\.description).joined(separator: ", "))")
    }
}

extension KubeError {
    /// A JSON Patch whose `test` no longer held: the object changed since it was read.
    var isFailedPatchTest: Bool {
        kind == .invalid && (status?.message ?? message).contains("test failed")
    }
}
