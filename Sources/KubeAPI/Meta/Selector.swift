/// A parsed label selector: the form Vane matches labels with and sends as `?labelSelector=`.
///
/// It exists beside the API form (``LabelSelector``, found in `spec.selector`) because matching
/// and the query-string syntax need a validated, canonical list of requirements. Parsing follows
/// Kubernetes' `labels.Parse` (`a=b,c!=d,e in (x,y),f notin (z),g,!h,n>1`) and conversion from
/// ``LabelSelector`` follows `metav1.LabelSelectorAsSelector`. Requirements are kept sorted by key,
/// so two selectors that select the same way compare equal and render the same ``description``.
public struct Selector: Hashable, Sendable, CustomStringConvertible {
    /// The requirements, sorted by key; all must hold for a label set to match.
    public private(set) var requirements: [Requirement]

    /// The selector that matches every label set (the empty string).
    public static let everything = Selector(validated: [])

    /// True when the selector has no requirements and so matches everything.
    public var isEverything: Bool { requirements.isEmpty }

    public init(requirements: [Requirement]) {
        self.init(validated: requirements)
    }

    private init(validated requirements: [Requirement]) {
        self.requirements = requirements.sorted { ($0.key, $0.description) < ($1.key, $1.description) }
    }

    /// A selector requiring each key to equal its value (`a=b,c=d`).
    public init(matchLabels: [String: String]) throws(SelectorParseError) {
        var requirements: [Requirement] = []
        for (key, value) in matchLabels {
            requirements.append(try Requirement(key: key, operator: .equals, values: [value]))
        }
        self.init(validated: requirements)
    }

    /// Parses the string form, e.g. `app=web,tier in (a,b),!canary`. The empty string selects everything.
    public init(parsing text: String) throws(SelectorParseError) {
        var parser = SelectorParser(text: text)
        self.init(validated: try parser.parse())
    }

    /// Converts the API form, with `metav1.LabelSelectorAsSelector` semantics: an empty selector
    /// selects everything; `In`/`NotIn` need at least one value; `Exists`/`DoesNotExist` take none;
    /// any other operator is an error.
    public init(_ selector: LabelSelector) throws(SelectorParseError) {
        var requirements: [Requirement] = []
        for (key, value) in selector.matchLabels ?? [:] {
            requirements.append(try Requirement(key: key, operator: .equals, values: [value]))
        }
        for expression in selector.matchExpressions ?? [] {
            let op: Operator
            switch expression.operator {
            case "In": op = .in
            case "NotIn": op = .notIn
            case "Exists": op = .exists
            case "DoesNotExist": op = .doesNotExist
            default:
                throw SelectorParseError(
                    text: expression.operator,
                    reason: "\"\(expression.operator)\" is not a valid label selector operator"
                )
            }
            requirements.append(try Requirement(key: expression.key, operator: op, values: expression.values ?? []))
        }
        self.init(validated: requirements)
    }

    /// True when every requirement holds for `labels`.
    public func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { $0.matches(labels) }
    }

    /// The canonical string form, as Kubernetes' `Selector.String()`: requirements sorted by key,
    /// values sorted, joined with `,`. Parsing it gives back an equal selector.
    public var description: String {
        requirements.map(\.description).joined(separator: ",")
    }
}

extension Selector {
    /// How a requirement compares a label's value.
    public enum Operator: String, Hashable, Sendable, CaseIterable {
        /// `key=value` (also written `key==value`, which parses to this).
        case equals = "="
        case notEquals = "!="
        case `in` = "in"
        case notIn = "notin"
        /// `key`: the label is present, whatever its value.
        case exists = "exists"
        /// `!key`: the label is absent.
        case doesNotExist = "!"
        /// `key>n`: the value is an integer greater than `n`.
        case greaterThan = ">"
        /// `key<n`: the value is an integer less than `n`.
        case lessThan = "<"
    }

    /// One condition on one label key.
    public struct Requirement: Hashable, Sendable, CustomStringConvertible {
        public let key: String
        public let `operator`: Operator
        /// Sorted and free of duplicates.
        public let values: [String]

        /// Validates the key, the values and their number for the operator, as Kubernetes'
        /// `NewRequirement` does.
        public init(key: String, operator op: Operator, values: [String] = []) throws(SelectorParseError) {
            if let problem = NameValidation.labelKeyErrors(key).first {
                throw SelectorParseError(text: key, reason: "invalid label key \"\(key)\": \(problem)")
            }
            let unique = Array(Set(values)).sorted()
            switch op {
            case .in, .notIn:
                if unique.isEmpty {
                    throw SelectorParseError(
                        text: key,
                        reason: "for 'in', 'notin' operators, values set can't be empty"
                    )
                }
            case .equals, .notEquals:
                if unique.count != 1 {
                    throw SelectorParseError(text: key, reason: "exact-match compatibility requires one single value")
                }
            case .exists, .doesNotExist:
                if !unique.isEmpty {
                    throw SelectorParseError(
                        text: key,
                        reason: "values set must be empty for exists and does not exist"
                    )
                }
            case .greaterThan, .lessThan:
                guard unique.count == 1 else {
                    throw SelectorParseError(
                        text: key,
                        reason: "for 'Gt', 'Lt' operators, exactly one value is required"
                    )
                }
                if Int64(unique[0]) == nil {
                    throw SelectorParseError(
                        text: unique[0],
                        reason: "for 'Gt', 'Lt' operators, the value must be an integer"
                    )
                }
            }
            if op != .greaterThan && op != .lessThan {
                for value in unique {
                    if let problem = NameValidation.labelValueErrors(value).first {
                        throw SelectorParseError(text: value, reason: "invalid label value \"\(value)\": \(problem)")
                    }
                }
            }
            self.key = key
            self.operator = op
            self.values = unique
        }

        public func matches(_ labels: [String: String]) -> Bool {
            let value = labels[key]
            switch self.operator {
            case .equals, .in:
                guard let value else { return false }
                return values.contains(value)
            case .notEquals, .notIn:
                guard let value else { return true }
                return !values.contains(value)
            case .exists:
                return value != nil
            case .doesNotExist:
                return value == nil
            case .greaterThan, .lessThan:
                guard let value, let actual = Int64(value), let bound = values.first.flatMap({ Int64($0) }) else {
                    return false
                }
                return self.operator == .greaterThan ? actual > bound : actual < bound
            }
        }

        public var description: String {
            switch self.operator {
            case .exists: key
            case .doesNotExist: "!" + key
            case .in, .notIn: "\(key) \(self.operator.rawValue) (\(values.joined(separator: ",")))"
            case .equals, .notEquals, .greaterThan, .lessThan: key + self.operator.rawValue + (values.first ?? "")
            }
        }
    }
}

/// A label selector that cannot be parsed or converted; names the offending text.
public struct SelectorParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The part of the input that is wrong (a token, key, value or operator).
    public var text: String
    public var reason: String
    /// The whole selector being parsed, when the error comes from the string form.
    public var selector: String?

    public init(text: String, reason: String, selector: String? = nil) {
        self.text = text
        self.reason = reason
        self.selector = selector
    }

    public var description: String {
        if let selector {
            return "invalid label selector \"\(selector)\": \(reason)"
        }
        return "invalid label selector: \(reason)"
    }
}

extension LabelSelector {
    /// True when `labels` match this selector.
    ///
    /// An invalid selector (an unknown operator, `In` without values, a malformed key) matches
    /// nothing and returns false, the safe answer for a controller deciding what it owns; use
    /// `Selector(_:)` to see the error.
    public func matches(_ labels: [String: String]) -> Bool {
        guard let selector = try? Selector(self) else { return false }
        return selector.matches(labels)
    }
}

/// The tokenizer and recursive-descent parser behind ``Selector/init(parsing:)``, following the
/// grammar and whitespace rules of Kubernetes' `labels.Parse`.
struct SelectorParser {
    enum Token: Equatable {
        case identifier(String)
        case `in`, notIn
        case equals, doubleEquals, notEquals, greaterThan, lessThan
        case bang, comma, openParenthesis, closeParenthesis
        case end

        var text: String {
            switch self {
            case .identifier(let text): text
            case .in: "in"
            case .notIn: "notin"
            case .equals: "="
            case .doubleEquals: "=="
            case .notEquals: "!="
            case .greaterThan: ">"
            case .lessThan: "<"
            case .bang: "!"
            case .comma: ","
            case .openParenthesis: "("
            case .closeParenthesis: ")"
            case .end: "end of string"
            }
        }

        /// In value position the keywords `in` and `notin` are plain values, as in Kubernetes.
        var valueText: String? {
            switch self {
            case .identifier(let text): text
            case .in, .notIn: self.text
            default: nil
            }
        }
    }

    let text: String
    private var tokens: [Token] = []
    private var position = 0

    init(text: String) {
        self.text = text
    }

    mutating func parse() throws(SelectorParseError) -> [Selector.Requirement] {
        tokens = Self.tokenize(text)
        position = 0
        var requirements: [Selector.Requirement] = []
        if peek == .end { return requirements }
        while true {
            requirements.append(try parseRequirement())
            switch next() {
            case .end:
                return requirements
            case .comma:
                if peek == .end || peek == .comma {
                    throw error(at: peek, "found '\(peek.text)', expected: identifier after ','")
                }
            case let token:
                throw error(at: token, "found '\(token.text)', expected: ',' or 'end of string'")
            }
        }
    }

    private var peek: Token { tokens[position] }

    private mutating func next() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func error(at token: Token, _ reason: String) -> SelectorParseError {
        SelectorParseError(text: token.text, reason: reason, selector: text)
    }

    private mutating func parseRequirement() throws(SelectorParseError) -> Selector.Requirement {
        var token = next()
        if token == .bang {
            token = next()
            guard case .identifier(let key) = token else {
                throw error(at: token, "found '\(token.text)', expected: identifier after '!'")
            }
            return try withSelector { () throws(SelectorParseError) in
                try Selector.Requirement(key: key, operator: .doesNotExist)
            }
        }
        guard case .identifier(let key) = token else {
            throw error(at: token, "found '\(token.text)', expected: ! or identifier")
        }
        let op: Selector.Operator
        switch peek {
        case .end, .comma:
            return try withSelector { () throws(SelectorParseError) in
                try Selector.Requirement(key: key, operator: .exists)
            }
        case .equals, .doubleEquals: op = .equals
        case .notEquals: op = .notEquals
        case .greaterThan: op = .greaterThan
        case .lessThan: op = .lessThan
        case .in: op = .in
        case .notIn: op = .notIn
        case let other:
            throw error(at: other, "found '\(other.text)', expected: in, notin, =, ==, !=, gt, lt")
        }
        _ = next()
        let values: [String]
        if op == .in || op == .notIn {
            values = try parseValueList()
        } else {
            switch peek {
            case .end, .comma:
                values = [""]
            case let token where token.valueText != nil:
                _ = next()
                values = [token.valueText ?? ""]
            case let other:
                throw error(at: other, "found '\(other.text)', expected: identifier as the value of '\(key)'")
            }
        }
        return try withSelector { () throws(SelectorParseError) in
            try Selector.Requirement(key: key, operator: op, values: values)
        }
    }

    /// `( value, value, ... )`; empty members (`(a,,b)`, `(,a)`) are the empty value, as in Kubernetes.
    private mutating func parseValueList() throws(SelectorParseError) -> [String] {
        let open = next()
        guard open == .openParenthesis else {
            throw error(at: open, "found '\(open.text)', expected: '('")
        }
        var values: [String] = []
        var expectingValue = true
        while true {
            let token = next()
            switch token {
            case let token where expectingValue && token.valueText != nil:
                values.append(token.valueText ?? "")
                expectingValue = false
            case .comma:
                if expectingValue { values.append("") }
                expectingValue = true
            case .closeParenthesis:
                if expectingValue && !values.isEmpty { values.append("") }
                return values
            default:
                throw error(at: token, "found '\(token.text)', expected: ',', ')' or identifier")
            }
        }
    }

    /// Attaches the whole selector text to errors raised while validating a requirement.
    private func withSelector(
        _ body: () throws(SelectorParseError) -> Selector.Requirement
    ) throws(SelectorParseError) -> Selector.Requirement {
        do {
            return try body()
        } catch {
            var error = error
            error.selector = text
            throw error
        }
    }

    /// Splits on whitespace and the special symbols `=`, `!`, `(`, `)`, `,`, `<`, `>`; the words
    /// `in` and `notin` are keywords, everything else is an identifier.
    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func isSpecial(_ scalar: Unicode.Scalar) -> Bool {
            "=!(),<>".unicodeScalars.contains(scalar)
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar.properties.isWhitespace {
                index += 1
                continue
            }
            if isSpecial(scalar) {
                let following = index + 1 < scalars.count ? scalars[index + 1] : nil
                switch (scalar, following) {
                case ("=", "="):
                    tokens.append(.doubleEquals)
                    index += 2
                    continue
                case ("!", "="):
                    tokens.append(.notEquals)
                    index += 2
                    continue
                case ("=", _): tokens.append(.equals)
                case ("!", _): tokens.append(.bang)
                case ("(", _): tokens.append(.openParenthesis)
                case (")", _): tokens.append(.closeParenthesis)
                case (",", _): tokens.append(.comma)
                case ("<", _): tokens.append(.lessThan)
                default: tokens.append(.greaterThan)
                }
                index += 1
                continue
            }
            var word = String.UnicodeScalarView()
            while index < scalars.count, !scalars[index].properties.isWhitespace, !isSpecial(scalars[index]) {
                word.append(scalars[index])
                index += 1
            }
            switch String(word) {
            case "in": tokens.append(.in)
            case "notin": tokens.append(.notIn)
            case let identifier: tokens.append(.identifier(identifier))
            }
        }
        tokens.append(.end)
        return tokens
    }
}
