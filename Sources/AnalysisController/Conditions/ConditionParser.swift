/// Parses a condition into a ``ConditionExpression`` by precedence climbing, with expr-lang's
/// operator precedences (lowest first): `? :`; `or` `||`; `and` `&&`; comparisons, `in`,
/// `not in`, `contains`, `startsWith`, `endsWith`, `matches`; `+` `-`; `*` `/` `%`; `**` `^`
/// (right-associative); `??`. Prefix `not` and `!` bind tighter than comparisons, unary `-` and
/// `+` tighter than arithmetic; member access, indexing and calls bind tightest.
struct ConditionParser {
    private let tokens: [ConditionToken]
    private var position = 0
    /// Inside a predicate, `.name` means `#.name`.
    private var predicateDepth = 0

    private static let binary: [String: (precedence: Int, rightAssociative: Bool)] = [
        "or": (10, false), "||": (10, false),
        "and": (15, false), "&&": (15, false),
        "==": (20, false), "!=": (20, false), "<": (20, false), ">": (20, false), "<=": (20, false),
        ">=": (20, false), "in": (20, false), "matches": (20, false), "contains": (20, false),
        "startsWith": (20, false), "endsWith": (20, false),
        "+": (30, false), "-": (30, false),
        "*": (60, false), "/": (60, false), "%": (60, false),
        "**": (100, true), "^": (100, true),
        "??": (500, false),
    ]
    private static let unaryPrecedence: [String: Int] = ["not": 50, "!": 50, "-": 90, "+": 90]
    /// Functions whose second argument is a predicate.
    static let predicateFunctions: Set<String> = ["all", "any", "none", "one", "filter", "map", "count", "find"]

    static func parse(_ source: String) throws(ConditionError) -> ConditionExpression {
        var parser = ConditionParser(tokens: try ConditionLexer.tokens(of: source))
        guard parser.current.kind != .end else { throw ConditionError("empty expression", column: 1) }
        let expression = try parser.expression(0)
        guard parser.current.kind == .end else { throw parser.unexpected() }
        return expression
    }

    private init(tokens: [ConditionToken]) {
        self.tokens = tokens
    }

    private var current: ConditionToken { tokens[min(position, tokens.count - 1)] }
    private func peek() -> ConditionToken { tokens[min(position + 1, tokens.count - 1)] }
    private mutating func advance() { position += 1 }

    private func unexpected() -> ConditionError {
        ConditionError("unexpected token \(current.display)", column: current.column)
    }

    private mutating func expect(_ symbol: String) throws(ConditionError) {
        guard current.isSymbol(symbol) else { throw unexpected() }
        advance()
    }

    /// The binary operator at the current token, if any (`not in` counts as one).
    private func binaryOperator() -> String? {
        let token = current
        if token.kind == .identifier, token.text == "not", peek().isWord("in") { return "not in" }
        guard token.kind == .symbol || token.kind == .identifier else { return nil }
        return Self.binary[token.text] != nil ? token.text : nil
    }

    private mutating func expression(_ minimum: Int) throws(ConditionError) -> ConditionExpression {
        var left = try unary()
        while let op = binaryOperator() {
            let (precedence, right) = Self.binary[op == "not in" ? "in" : op] ?? (0, false)
            guard precedence >= minimum else { break }
            let column = current.column
            advance()
            if op == "not in" { advance() }
            let rhs = try expression(right ? precedence : precedence + 1)
            left =
                op == "not in"
                ? .unary("not", .binary("in", left, rhs, column: column), column: column)
                : .binary(op, left, rhs, column: column)
        }
        if minimum == 0, current.isSymbol("?") {
            let column = current.column
            advance()
            let then = try expression(0)
            try expect(":")
            let otherwise = try expression(0)
            left = .conditional(left, then: then, else: otherwise, column: column)
        }
        return left
    }

    private mutating func unary() throws(ConditionError) -> ConditionExpression {
        let token = current
        if token.kind == .symbol || token.kind == .identifier, let precedence = Self.unaryPrecedence[token.text],
            !(token.kind == .identifier && token.text != "not")
        {
            advance()
            let operand = try expression(precedence)
            return .unary(token.text == "!" ? "not" : token.text, operand, column: token.column)
        }
        return try postfix(try primary())
    }

    private mutating func primary() throws(ConditionError) -> ConditionExpression {
        let token = current
        switch token.kind {
        case .number, .string:
            advance()
            return .literal(token.value ?? .null, column: token.column)
        case .pointer:
            advance()
            return .pointer(column: token.column)
        case .identifier:
            advance()
            switch token.text {
            case "true": return .literal(.bool(true), column: token.column)
            case "false": return .literal(.bool(false), column: token.column)
            case "nil": return .literal(.null, column: token.column)
            default: break
            }
            if current.isSymbol("(") { return try call(token) }
            return .variable(token.text, column: token.column)
        case .symbol:
            if token.text == "(" {
                advance()
                let inner = try expression(0)
                try expect(")")
                return inner
            }
            if token.text == "[" {
                advance()
                var elements: [ConditionExpression] = []
                while !current.isSymbol("]") {
                    elements.append(try expression(0))
                    guard current.isSymbol(",") else { break }
                    advance()
                }
                try expect("]")
                return .array(elements, column: token.column)
            }
            if token.text == ".", predicateDepth > 0, peek().kind == .identifier {
                advance()
                let name = current.text
                advance()
                return .member(.pointer(column: token.column), name: name, optional: false, column: token.column)
            }
            throw unexpected()
        case .end:
            throw unexpected()
        }
    }

    private mutating func call(_ name: ConditionToken) throws(ConditionError) -> ConditionExpression {
        try expect("(")
        var arguments: [ConditionExpression] = []
        while !current.isSymbol(")") {
            if arguments.count == 1, Self.predicateFunctions.contains(name.text) {
                arguments.append(try predicate())
            } else {
                arguments.append(try expression(0))
            }
            guard current.isSymbol(",") else { break }
            advance()
        }
        try expect(")")
        return .call(name.text, arguments, column: name.column)
    }

    /// `{ body }` or a bare body, in which `#` and `.name` refer to the element.
    private mutating func predicate() throws(ConditionError) -> ConditionExpression {
        let column = current.column
        predicateDepth += 1
        defer { predicateDepth -= 1 }
        if current.isSymbol("{") {
            advance()
            let body = try expression(0)
            try expect("}")
            return .predicate(body, column: column)
        }
        return .predicate(try expression(0), column: column)
    }

    private mutating func postfix(_ base: ConditionExpression) throws(ConditionError) -> ConditionExpression {
        var expression = base
        while true {
            let token = current
            if token.isSymbol(".") || token.isSymbol("?.") {
                let optional = token.text == "?."
                advance()
                if optional, current.isSymbol("[") {
                    advance()
                    let index = try self.expression(0)
                    try expect("]")
                    expression = .index(expression, index, optional: true, column: token.column)
                    continue
                }
                guard current.kind == .identifier else { throw unexpected() }
                let name = current.text
                advance()
                if current.isSymbol("(") {
                    throw ConditionError("methods are not supported: \(name)()", column: token.column)
                }
                expression = .member(expression, name: name, optional: optional, column: token.column)
            } else if token.isSymbol("[") {
                advance()
                let index = try self.expression(0)
                try expect("]")
                expression = .index(expression, index, optional: false, column: token.column)
            } else {
                return expression
            }
        }
    }
}
