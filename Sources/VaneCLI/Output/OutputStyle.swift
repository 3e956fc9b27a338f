import Foundation

/// Who reads standard output: a person at a terminal gets colours, status icons and in-place
/// redraws; a pipe, a file or a CI log gets plain text that is stable enough to diff.
enum OutputStyle: Sendable, Equatable {
    case terminal
    case plain

    /// `.terminal` when standard output is a TTY (and `TERM` is not `dumb`), `.plain` otherwise.
    static var standardOutput: OutputStyle {
        guard isatty(STDOUT_FILENO) == 1 else { return .plain }
        return ProcessInfo.processInfo.environment["TERM"] == "dumb" ? .plain : .terminal
    }
}
