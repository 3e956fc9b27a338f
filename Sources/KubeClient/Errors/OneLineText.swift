/// Makes text from a server (an HTML error page, a webhook's multi-line denial) fit in one readable
/// line of an error message: whitespace runs, line breaks included, become one space, and long text is
/// cut with an ellipsis.
enum OneLineText {
    /// `text` on one line, at most `limit` characters before the ellipsis.
    static func from(_ text: some StringProtocol, limit: Int) -> String {
        let (line, cut) = collapse(text, limit: limit)
        return cut ? line + "…" : line
    }

    /// The start of a response body on one line, decoded leniently (it may not be UTF-8), with its full
    /// size when it was cut.
    static func from(body bytes: [UInt8], limit: Int) -> String {
        // At most four bytes per character: enough of a prefix to fill the limit.
        let prefix = bytes.prefix(limit * 4)
        let (line, cut) = collapse(String(decoding: prefix, as: UTF8.self), limit: limit)
        return cut || prefix.count < bytes.count ? line + "… (\(bytes.count) bytes)" : line
    }

    private static func collapse(_ text: some StringProtocol, limit: Int) -> (line: String, cut: Bool) {
        var line = ""
        var kept = 0
        var pendingSpace = false
        for character in text {
            if character.isWhitespace {
                pendingSpace = kept > 0
                continue
            }
            if kept + (pendingSpace ? 1 : 0) >= limit { return (line, true) }
            if pendingSpace {
                line.append(" ")
                kept += 1
                pendingSpace = false
            }
            line.append(character)
            kept += 1
        }
        return (line, false)
    }
}
