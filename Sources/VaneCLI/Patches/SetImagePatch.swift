import KubeAPI

/// The JSON Patch (RFC 6902) that `vane set image` sends: for every container it changes, a `test`
/// that the container at that index still has that name, then a `replace` (or `add`, when the
/// container had no image) of its image. The server applies all or nothing, so a concurrent edit
/// that moved or renamed a container makes the patch fail instead of changing the wrong one, and
/// nothing else in the Rollout is rewritten.
///
/// Like the incumbent, init and ephemeral containers with a matching name are updated too.
enum SetImagePatch {
    static let containerLists = ["initContainers", "containers", "ephemeralContainers"]

    /// The operations for `assignments` against the Rollout as read; throws when an assignment
    /// names a container the template does not have.
    static func operations(for rollout: JSONValue, _ assignments: [ImageAssignment]) throws(CLIFailure) -> [JSONValue] {
        var operations: [JSONValue] = []
        for assignment in assignments {
            var found = false
            for list in containerLists {
                let containers = rollout[path: "spec", "template", "spec", list]?.arrayValue ?? []
                for (index, container) in containers.enumerated() {
                    guard let name = container["name"]?.stringValue, assignment.matches(name) else { continue }
                    found = true
                    let path = "/spec/template/spec/\(list)/\(index)"
                    operations.append(["op": "test", "path": .string(path + "/name"), "value": .string(name)])
                    let op: JSONValue = container["image"] == nil ? "add" : "replace"
                    operations.append(["op": op, "path": .string(path + "/image"), "value": .string(assignment.image)])
                }
            }
            guard found else { throw CLIFailure("unable to find container named \"\(assignment.container)\"") }
        }
        return operations
    }
}
