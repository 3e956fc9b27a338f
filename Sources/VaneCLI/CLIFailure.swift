/// A failure the CLI reports as one readable line on stderr, exiting with status 1.
struct CLIFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
