/// A `successCondition` or `failureCondition`, parsed once: a small expression language over the
/// measurement's `result` covering what the incumbent's (expr-lang) conditions use. The grammar
/// is in docs/analysis.md. Parsing checks names and arities too, so a misspelt function is
/// reported with its column before anything is measured.
public struct Condition: Sendable, Hashable, CustomStringConvertible {
    public let source: String
    let expression: ConditionExpression

    public init(_ source: String) throws(ConditionError) {
        self.source = source
        self.expression = try ConditionParser.parse(source)
        try Self.check(expression, inPredicate: false)
    }

    public var description: String { source }

    /// Evaluates the condition for `result`; it must produce a boolean.
    public func evaluate(result: ConditionValue) throws(ConditionError) -> Bool {
        let value = try ConditionEvaluator(result: result).evaluate(expression)
        guard case .bool(let flag) = value else {
            throw ConditionError("expected bool, but got \(value.typeName)", column: 1)
        }
        return flag
    }

    /// Evaluates the condition to any value (for tests and tools).
    public func value(result: ConditionValue) throws(ConditionError) -> ConditionValue {
        try ConditionEvaluator(result: result).evaluate(expression)
    }

    /// Names must exist, calls must have the right number of arguments, and `#` may only appear in
    /// a predicate.
    private static func check(_ expression: ConditionExpression, inPredicate: Bool) throws(ConditionError) {
        switch expression {
        case .literal: return
        case .variable(let name, let column):
            guard name == "result" else { throw ConditionError("unknown name \(name)", column: column) }
        case .pointer(let column):
            guard inPredicate else { throw ConditionError("# is only defined inside a predicate", column: column) }
        case .array(let elements, _):
            for element in elements { try check(element, inPredicate: inPredicate) }
        case .member(let base, _, _, _):
            try check(base, inPredicate: inPredicate)
        case .index(let base, let index, _, _):
            try check(base, inPredicate: inPredicate)
            try check(index, inPredicate: inPredicate)
        case .unary(_, let operand, _):
            try check(operand, inPredicate: inPredicate)
        case .binary(_, let lhs, let rhs, _):
            try check(lhs, inPredicate: inPredicate)
            try check(rhs, inPredicate: inPredicate)
        case .conditional(let condition, let then, let otherwise, _):
            try check(condition, inPredicate: inPredicate)
            try check(then, inPredicate: inPredicate)
            try check(otherwise, inPredicate: inPredicate)
        case .call(let name, let arguments, let column):
            guard let (minimum, maximum) = ConditionFunctions.arity[name] else {
                throw ConditionError("unknown func \(name)", column: column)
            }
            guard arguments.count >= minimum, arguments.count <= maximum else {
                let expected = minimum == maximum ? "\(minimum)" : "at least \(minimum)"
                throw ConditionError(
                    "\(name)() takes \(expected) argument\(expected == "1" ? "" : "s"), got \(arguments.count)",
                    column: column
                )
            }
            for argument in arguments { try check(argument, inPredicate: inPredicate) }
        case .predicate(let body, _):
            try check(body, inPredicate: true)
        }
    }
}
