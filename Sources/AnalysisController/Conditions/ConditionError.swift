/// Why a condition could not be parsed or evaluated, with the column (1-based, in characters)
/// where the problem is, so a person can find it in the manifest.
public struct ConditionError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var column: Int

    public init(_ message: String, column: Int) {
        self.message = message
        self.column = column
    }

    public var description: String { "\(message) at column \(column)" }
}
