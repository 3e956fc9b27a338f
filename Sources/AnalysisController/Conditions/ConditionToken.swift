/// One token of a condition, with the column it starts at.
struct ConditionToken: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        case number
        case string
        case identifier
        /// `#`, the element a predicate is looking at.
        case pointer
        /// Operators and punctuation: `+`, `==`, `(`, `?.` …
        case symbol
        case end
    }

    var kind: Kind
    /// The source text (for strings: the decoded value).
    var text: String
    var value: ConditionValue?
    var column: Int

    /// How messages name the token, in the style of expr-lang: `Number("10")`, `Operator("+")`.
    var display: String {
        switch kind {
        case .number: "Number(\"\(text)\")"
        case .string: "String(\"\(text)\")"
        case .identifier: "Identifier(\"\(text)\")"
        case .pointer: "Pointer(\"#\")"
        case .symbol: ["(", ")", "[", "]", "{", "}"].contains(text) ? "Bracket(\"\(text)\")" : "Operator(\"\(text)\")"
        case .end: "EOF"
        }
    }

    func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }
    func isWord(_ word: String) -> Bool { kind == .identifier && text == word }
}
