/// A parsed label selector, the form servers and caches evaluate.
///
/// `LabelSelector` is the API's wire form (matchLabels/matchExpressions); query strings use the text form
/// (`a=b,c in (x,y),!d`). Both become a `Selector`, so matching and rendering live in one place.
public struct Selector: Hashable, Sendable, CustomStringConvertible {
    /// One condition on one label key.
    public struct Requirement: Hashable, Sendable, CustomStringConvertible {
        public enum Operator: String, Hashable, Sendable {
            case equals = "="
            case notEquals = "!="
            case `in` = "in"
            case notIn = "notin"
            case exists
            case doesNotExist = "!"
            case greaterThan = "gt"
            case lessThan = "lt"
        }

        public var key: String
        public var op: Operator
        /// Sorted values (one for `=`/`!=`/`gt`/`lt`, several for `in`/`notin`, none for existence).
        public var values: [String]

        public init(key: String, op: Operator, values: [String] = []) {
            self.key = key
            self.op = op
            self.values = values.sorted()
        }

        public func matches(_ labels: [String: String]) -> Bool {
            let value = labels[key]
            switch op {
            case .equals, .in: return value.map { values.contains($0) } ?? false
            case .notEquals, .notIn: return value.map { !values.contains($0) } ?? true
            case .exists: return value != nil
            case .doesNotExist: return value == nil
            case .greaterThan, .lessThan:
                guard let value, let actual = Int64(value), let bound = values.first.flatMap({ Int64($0) }) else {
                    return false
                }
                return op == .greaterThan ? actual > bound : actual < bound
            }
        }

        public var description: String {
            switch op {
            case .equals: return "\(key)=\(values.first ?? "")"
            case .notEquals: return "\(key)!=\(values.first ?? "")"
            case .in: return "\(key) in (\(values.joined(separator: ",")))"
            case .notIn: return "\(key) notin (\(values.joined(separator: ",")))"
            case .exists: return key
            case .doesNotExist: return "!\(key)"
            case .greaterThan: return "\(key)>\(values.first ?? "")"
            case .lessThan: return "\(key)<\(values.first ?? "")"
            }
        }
    }

    /// Requirements sorted by key; all must hold.
    public private(set) var requirements: [Requirement]

    public init(_ requirements: [Requirement]) {
        self.requirements = requirements.sorted { ($0.key, $0.op.rawValue) < ($1.key, $1.op.rawValue) }
    }

    /// Matches every object.
    public static let everything = Selector([])

    public var isEverything: Bool { requirements.isEmpty }

    public init(matchLabels: [String: String]) {
        self.init(matchLabels.map { Requirement(key: $0.key, op: .equals, values: [$0.value]) })
    }

    /// `metav1.LabelSelectorAsSelector`: an empty selector matches everything; `In`/`NotIn` need values,
    /// `Exists`/`DoesNotExist` take none.
    public init(_ selector: LabelSelector) throws(SelectorParseError) {
        var requirements = (selector.matchLabels ?? [:]).map {
            Requirement(key: $0.key, op: .equals, values: [$0.value])
        }
        for expression in selector.matchExpressions ?? [] {
            let values = expression.values ?? []
            let op: Requirement.Operator
            switch expression.operator {
            case "In": op = .in
            case "NotIn": op = .notIn
            case "Exists": op = .exists
            case "DoesNotExist": op = .doesNotExist
            default:
                throw SelectorParseError(text: expression.key, reason: "\"\(expression.operator)\" is not a valid label selector operator")
            }
            let needsValues = op == .in || op == .notIn
            if needsValues && values.isEmpty {
                throw SelectorParseError(text: expression.key, reason: "for 'in', 'notin' operators, values set can't be empty")
            }
            if !needsValues && !values.isEmpty {
                throw SelectorParseError(text: expression.key, reason: "values set must be empty for exists and does not exist")
            }
            requirements.append(Requirement(key: expression.key, op: op, values: values))
        }
        self.init(requirements)
    }

    /// Parses the text form of `labels.Parse`: `a=b,c==d,e!=f,g in (x,y),h notin (z),i,!j,k>1,l<2`.
    public init(parsing text: String) throws(SelectorParseError) {
        var parser = SelectorTextParser(text: text)
        self.init(try parser.parse())
    }

    public func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { $0.matches(labels) }
    }

    /// The canonical text form, as Kubernetes renders it (requirements sorted by key).
    public var description: String {
        requirements.map(\.description).joined(separator: ",")
    }
}

/// A label selector that could not be parsed; `text` is the offending part.
public struct SelectorParseError: Error, Hashable, Sendable, CustomStringConvertible {
    public var text: String
    public var reason: String

    public init(text: String, reason: String) {
        self.text = text
        self.reason = reason
    }

    public var description: String { "unable to parse requirement \"\(text)\": \(reason)" }
}

extension LabelSelector {
    /// Whether `labels` satisfy this selector; an invalid selector matches nothing.
    public func matches(_ labels: [String: String]) -> Bool {
        (try? Selector(self))?.matches(labels) ?? false
    }
}

/// A small hand-written scanner for the label selector text grammar.
private struct SelectorTextParser {
    private let scalars: [Character]
    private var position = 0
    private let text: String

    init(text: String) {
        self.text = text
        self.scalars = Array(text)
    }

    mutating func parse() throws(SelectorParseError) -> [Selector.Requirement] {
        var requirements: [Selector.Requirement] = []
        skipSpaces()
        if atEnd { return [] }
        while true {
            requirements.append(try parseRequirement())
            skipSpaces()
            if atEnd { return requirements }
            guard consume(",") else { throw error("expected ',' or end of selector") }
            skipSpaces()
            if atEnd { throw error("found end of selector, expected a requirement") }
        }
    }

    private var atEnd: Bool { position >= scalars.count }

    private mutating func parseRequirement() throws(SelectorParseError) -> Selector.Requirement {
        let start = position
        if consume("!") {
            skipSpaces()
            let key = try parseKey()
            return Selector.Requirement(key: key, op: .doesNotExist)
        }
        let key = try parseKey()
        skipSpaces()
        if atEnd || peek == "," { return Selector.Requirement(key: key, op: .exists) }
        if consume("==") || consume("=") {
            return Selector.Requirement(key: key, op: .equals, values: [try parseValue()])
        }
        if consume("!=") {
            return Selector.Requirement(key: key, op: .notEquals, values: [try parseValue()])
        }
        if consume(">") || consume("<") {
            let op: Selector.Requirement.Operator = scalars[position - 1] == ">" ? .greaterThan : .lessThan
            let value = try parseValue()
            guard Int64(value) != nil else { throw error("for 'gt', 'lt' operators, the value must be an integer", from: start) }
            return Selector.Requirement(key: key, op: op, values: [value])
        }
        let word = parseWord()
        let op: Selector.Requirement.Operator
        switch word {
        case "in": op = .in
        case "notin": op = .notIn
        default: throw error("found '\(word)', expected: in, notin, =, ==, !=, gt, lt", from: start)
        }
        skipSpaces()
        guard consume("(") else { throw error("found '\(peek.map(String.init) ?? "")', expected: '('", from: start) }
        var values: [String] = []
        while true {
            skipSpaces()
            let value = parseWord()
            try validateValue(value)
            values.append(value)
            skipSpaces()
            if consume(")") { break }
            guard consume(",") else { throw error("expected ',' or ')' in value set", from: start) }
        }
        return Selector.Requirement(key: key, op: op, values: values)
    }

    private mutating func parseKey() throws(SelectorParseError) -> String {
        let key = parseWord()
        guard !key.isEmpty else { throw error("expected a label key") }
        let problems = NameValidation.qualifiedNameProblems(key)
        guard problems.isEmpty else { throw SelectorParseError(text: key, reason: problems.joined(separator: "; ")) }
        return key
    }

    private mutating func parseValue() throws(SelectorParseError) -> String {
        skipSpaces()
        let value = parseWord()
        try validateValue(value)
        return value
    }

    private func validateValue(_ value: String) throws(SelectorParseError) {
        let problems = NameValidation.labelValueProblems(value)
        guard problems.isEmpty else { throw SelectorParseError(text: value, reason: problems.joined(separator: "; ")) }
    }

    private mutating func parseWord() -> String {
        let start = position
        while let c = peek, !" \t\n,()=!<>".contains(c) { position += 1 }
        return String(scalars[start..<position])
    }

    private var peek: Character? { atEnd ? nil : scalars[position] }

    private mutating func consume(_ token: String) -> Bool {
        let chars = Array(token)
        guard position + chars.count <= scalars.count, Array(scalars[position..<position + chars.count]) == chars else {
            return false
        }
        position += chars.count
        return true
    }

    private mutating func skipSpaces() {
        while let c = peek, c == " " || c == "\t" || c == "\n" { position += 1 }
    }

    private func error(_ reason: String, from start: Int? = nil) -> SelectorParseError {
        let begin = min(start ?? position, scalars.count)
        return SelectorParseError(text: String(scalars[begin...]).isEmpty ? text : String(scalars[begin...]), reason: reason)
    }
}
