/// An Event the controller records on a run: a metric or the run completed.
public struct AnalysisEvent: Sendable, Hashable {
    public var reason: String
    public var message: String
    public var warning: Bool

    public init(reason: String, message: String, warning: Bool) {
        self.reason = reason
        self.message = message
        self.warning = warning
    }
}
