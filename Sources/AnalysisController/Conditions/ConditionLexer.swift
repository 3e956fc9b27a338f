/// Splits a condition into tokens: numbers (`42`, `0.95`, `1e3`, `1_000`), strings in single,
/// double or back quotes, identifiers and word operators, `#`, and symbol operators.
struct ConditionLexer {
    private let characters: [Character]
    private var position = 0

    /// Longest first, so `**` wins over `*`.
    private static let symbols = [
        "?.", "??", "**", "==", "!=", "<=", ">=", "&&", "||", "..",
        "+", "-", "*", "/", "%", "^", "<", ">", "!", "(", ")", "[", "]", "{", "}", ",", ".", "?", ":",
    ]

    static func tokens(of source: String) throws(ConditionError) -> [ConditionToken] {
        var lexer = ConditionLexer(characters: Array(source))
        var tokens: [ConditionToken] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private init(characters: [Character]) {
        self.characters = characters
    }

    private var current: Character? { position < characters.count ? characters[position] : nil }
    private func peek(_ offset: Int = 1) -> Character? {
        position + offset < characters.count ? characters[position + offset] : nil
    }

    private mutating func next() throws(ConditionError) -> ConditionToken {
        while let character = current, character.isWhitespace { position += 1 }
        let column = position + 1
        guard let character = current else { return ConditionToken(kind: .end, text: "", column: column) }
        if character.isASCII && character.isNumber { return try number(column: column) }
        if character == ".", let next = peek(), next.isASCII && next.isNumber { return try number(column: column) }
        if character == "\"" || character == "'" || character == "`" {
            return try string(quote: character, column: column)
        }
        if character == "#" {
            position += 1
            return ConditionToken(kind: .pointer, text: "#", column: column)
        }
        if character.isLetter || character == "_" || character == "$" {
            let start = position
            while let c = current, c.isLetter || c.isNumber || c == "_" || c == "$" { position += 1 }
            return ConditionToken(kind: .identifier, text: String(characters[start..<position]), column: column)
        }
        for symbol in Self.symbols where matches(symbol) {
            // `?.` followed by a digit is a ternary and a number (`a ?.5 : 1`).
            if symbol == "?.", let after = peek(2), after.isNumber { continue }
            position += symbol.count
            return ConditionToken(kind: .symbol, text: symbol, column: column)
        }
        let scalar = character.unicodeScalars.first.map { "U+" + hex($0.value) } ?? "?"
        throw ConditionError("unrecognized character: \(scalar) '\(character)'", column: column)
    }

    private func matches(_ symbol: String) -> Bool {
        var offset = 0
        for character in symbol {
            guard position + offset < characters.count, characters[position + offset] == character else { return false }
            offset += 1
        }
        return true
    }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private mutating func number(column: Int) throws(ConditionError) -> ConditionToken {
        let start = position
        var isFloat = false
        func digits(_ lexer: inout ConditionLexer) {
            while let c = lexer.current, (c.isASCII && c.isNumber) || c == "_" { lexer.position += 1 }
        }
        if current == "0", let x = peek(), x == "x" || x == "X" {
            position += 2
            while let c = current, c.isHexDigit || c == "_" { position += 1 }
        } else {
            digits(&self)
            // A fraction, but not the start of `..` or of a member access (`1.foo` is not a number).
            if current == ".", let next = peek(), next.isASCII && next.isNumber {
                isFloat = true
                position += 1
                digits(&self)
            }
            if let e = current, e == "e" || e == "E" {
                var lookahead = 1
                if let sign = peek(), sign == "+" || sign == "-" { lookahead = 2 }
                if let digit = peek(lookahead), digit.isASCII && digit.isNumber {
                    isFloat = true
                    position += lookahead
                    digits(&self)
                }
            }
        }
        let text = String(characters[start..<position])
        let clean = String(text.filter { $0 != "_" })
        let value: ConditionValue?
        if clean.hasPrefix("0x") || clean.hasPrefix("0X") {
            value = Int(clean.dropFirst(2), radix: 16).map(ConditionValue.int)
        } else if isFloat {
            value = Double(clean).map(ConditionValue.float)
        } else {
            value = Int(clean).map(ConditionValue.int) ?? Double(clean).map(ConditionValue.float)
        }
        guard let value else { throw ConditionError("invalid number \(text)", column: column) }
        return ConditionToken(kind: .number, text: text, value: value, column: column)
    }

    private mutating func string(quote: Character, column: Int) throws(ConditionError) -> ConditionToken {
        position += 1
        var text = ""
        while let character = current {
            position += 1
            if character == quote {
                return ConditionToken(kind: .string, text: text, value: .string(text), column: column)
            }
            guard character == "\\", quote != "`" else {
                text.append(character)
                continue
            }
            guard let escaped = current else { break }
            position += 1
            switch escaped {
            case "n": text.append("\n")
            case "t": text.append("\t")
            case "r": text.append("\r")
            case "\\", "'", "\"", "`": text.append(escaped)
            case "u":
                let hexDigits = characters[position..<min(position + 4, characters.count)]
                guard hexDigits.count == 4, let code = UInt32(String(hexDigits), radix: 16),
                    let scalar = Unicode.Scalar(code)
                else { throw ConditionError("invalid escape \\u in string", column: position) }
                text.unicodeScalars.append(scalar)
                position += 4
            default:
                throw ConditionError("invalid escape \\\(escaped) in string", column: position - 1)
            }
        }
        throw ConditionError("literal not terminated", column: column)
    }
}
