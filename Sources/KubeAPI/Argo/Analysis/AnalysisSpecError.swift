/// A template or run that cannot be turned into measurements: a missing argument, two metrics
/// with one name, an invalid limit. `message` is one line naming the argument, metric or rule, in
/// the incumbent's words where it has them.
public struct AnalysisSpecError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
