/// Turns successive versions of a view into what to write: on a terminal each version replaces
/// the last in place; in plain output a version is written again (after a blank line) only when
/// it differs from the last one.
struct ViewRedrawer: Sendable {
    let style: OutputStyle
    private var last: String?

    init(style: OutputStyle) {
        self.style = style
    }

    /// The text to write for `view`, or nil when nothing changed.
    mutating func frame(for view: String) -> String? {
        guard view != last else { return nil }
        defer { last = view }
        switch style {
        case .terminal: return ANSI.clearScreen + view
        case .plain: return last == nil ? view : "\n" + view
        }
    }
}
