/// The few ANSI escape sequences the CLI writes on a terminal, and the width of text once they are
/// stripped (so tables stay aligned with or without colour).
enum ANSI {
    enum Color: Int, Sendable {
        case red = 31
        case green = 32
        case yellow = 33
        case brightBlue = 94
    }

    /// Moves the cursor home and clears the screen, for a redraw in place.
    static let clearScreen = "\u{1B}[H\u{1B}[2J"

    static func paint(_ text: String, _ color: Color?) -> String {
        guard let color else { return text }
        return "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m"
    }

    /// Columns the text takes on a terminal: one per Unicode scalar, escape sequences excluded.
    static func visibleWidth(_ text: String) -> Int {
        var width = 0
        var inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape {
                if scalar == "m" { inEscape = false }
            } else if scalar == "\u{1B}" {
                inEscape = true
            } else {
                width += 1
            }
        }
        return width
    }
}
