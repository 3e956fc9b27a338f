import ArgumentParser

/// One `CONTAINER=IMAGE` argument of `vane set image`; `*` as the container means every container.
struct ImageAssignment: Sendable, Equatable, CustomStringConvertible {
    var container: String
    var image: String

    /// Parses `CONTAINER=IMAGE`; anything else is a usage error (exit 2).
    init(parsing argument: String) throws(ValidationError) {
        let parts = argument.split(separator: "=", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw ValidationError(
                "expected CONTAINER=IMAGE (e.g. app=nginx:1.27, or *=nginx:1.27 for every container), got '\(argument)'"
            )
        }
        container = String(parts[0])
        image = String(parts[1])
    }

    init(container: String, image: String) {
        self.container = container
        self.image = image
    }

    var description: String { "\(container)=\(image)" }

    func matches(_ name: String) -> Bool { container == "*" || container == name }
}
