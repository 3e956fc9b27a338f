import Foundation

/// Evaluates a checked ``ConditionExpression`` against a measurement's `result`. Equality across
/// types is false (numbers compare by value whether int or float); ordering, arithmetic and logic
/// on the wrong types are errors naming the operator, the types and the column.
struct ConditionEvaluator {
    let result: ConditionValue

    func evaluate(
        _ expression: ConditionExpression,
        element: ConditionValue? = nil
    ) throws(ConditionError)
        -> ConditionValue
    {
        switch expression {
        case .literal(let value, _):
            return value
        case .variable(let name, let column):
            guard name == "result" else { throw ConditionError("unknown name \(name)", column: column) }
            return result
        case .pointer(let column):
            guard let element else { throw ConditionError("# is only defined inside a predicate", column: column) }
            return element
        case .array(let elements, _):
            var values: [ConditionValue] = []
            for item in elements { values.append(try evaluate(item, element: element)) }
            return .array(values)
        case .member(let base, let name, let optional, let column):
            let value = try evaluate(base, element: element)
            return try Self.member(name, of: value, optional: optional, column: column)
        case .index(let base, let index, let optional, let column):
            let value = try evaluate(base, element: element)
            if optional && value.isNull { return .null }
            return try Self.element(of: value, at: try evaluate(index, element: element), column: column)
        case .unary(let op, let operand, let column):
            return try Self.unary(op, try evaluate(operand, element: element), column: column)
        case .binary(let op, let lhs, let rhs, let column):
            return try binary(op, lhs, rhs, element: element, column: column)
        case .conditional(let condition, let then, let otherwise, let column):
            switch try evaluate(condition, element: element) {
            case .bool(true): return try evaluate(then, element: element)
            case .bool(false): return try evaluate(otherwise, element: element)
            case let other:
                throw ConditionError("non-bool expression (type \(other.typeName)) used as condition", column: column)
            }
        case .call(let name, let arguments, let column):
            return try ConditionFunctions.call(name, arguments, column: column, evaluator: self, element: element)
        case .predicate(let body, _):
            return try evaluate(body, element: element)
        }
    }

    private func binary(
        _ op: String,
        _ lhs: ConditionExpression,
        _ rhs: ConditionExpression,
        element: ConditionValue?,
        column: Int
    ) throws(ConditionError) -> ConditionValue {
        let left = try evaluate(lhs, element: element)
        switch op {
        case "and", "&&", "or", "||":
            guard case .bool(let l) = left else { throw Self.mismatch(op, left, nil, column: column) }
            let isAnd = op == "and" || op == "&&"
            if isAnd != l { return .bool(l) }
            let right = try evaluate(rhs, element: element)
            guard case .bool(let r) = right else { throw Self.mismatch(op, left, right, column: column) }
            return .bool(r)
        case "??":
            return left.isNull ? try evaluate(rhs, element: element) : left
        default:
            return try Self.apply(op, left, try evaluate(rhs, element: element), column: column)
        }
    }

    static func mismatch(_ op: String, _ left: ConditionValue, _ right: ConditionValue?, column: Int) -> ConditionError
    {
        let types = right.map { "\(left.typeName) and \($0.typeName)" } ?? left.typeName
        return ConditionError("invalid operation: \(op) (mismatched types \(types))", column: column)
    }

    static func unary(_ op: String, _ value: ConditionValue, column: Int) throws(ConditionError) -> ConditionValue {
        switch (op, value) {
        case ("not", .bool(let flag)): return .bool(!flag)
        case ("-", .int(let number)): return .int(-number)
        case ("-", .float(let number)): return .float(-number)
        case ("+", .int), ("+", .float): return value
        default:
            throw ConditionError(
                "invalid operation: \(op == "not" ? "!" : op) (mismatched type \(value.typeName))",
                column: column
            )
        }
    }

    static func apply(
        _ op: String,
        _ left: ConditionValue,
        _ right: ConditionValue,
        column: Int
    ) throws(ConditionError)
        -> ConditionValue
    {
        switch op {
        case "==": return .bool(equal(left, right))
        case "!=": return .bool(!equal(left, right))
        case "<", ">", "<=", ">=":
            let order: Bool
            if let l = left.number, let r = right.number {
                order = op == "<" ? l < r : op == ">" ? l > r : op == "<=" ? l <= r : l >= r
            } else if case .string(let l) = left, case .string(let r) = right {
                order = op == "<" ? l < r : op == ">" ? l > r : op == "<=" ? l <= r : l >= r
            } else {
                throw mismatch(op, left, right, column: column)
            }
            return .bool(order)
        case "in":
            switch right {
            case .array(let elements): return .bool(elements.contains { equal($0, left) })
            case .map(let members):
                guard case .string(let key) = left else { throw mismatch(op, left, right, column: column) }
                return .bool(members[key] != nil)
            case .null: return .bool(false)
            default: throw mismatch(op, left, right, column: column)
            }
        case "contains", "startsWith", "endsWith":
            guard case .string(let l) = left, case .string(let r) = right else {
                throw mismatch(op, left, right, column: column)
            }
            return .bool(op == "contains" ? l.contains(r) : op == "startsWith" ? l.hasPrefix(r) : l.hasSuffix(r))
        case "matches":
            guard case .string(let l) = left, case .string(let pattern) = right else {
                throw mismatch(op, left, right, column: column)
            }
            guard let regex = try? Regex(pattern) else {
                throw ConditionError("invalid regular expression \(pattern)", column: column)
            }
            return .bool((try? regex.firstMatch(in: l)) != nil)
        case "+":
            switch (left, right) {
            case (.string(let l), .string(let r)): return .string(l + r)
            case (.array(let l), .array(let r)): return .array(l + r)
            default: return try arithmetic(op, left, right, column: column)
            }
        default:
            return try arithmetic(op, left, right, column: column)
        }
    }

    private static func arithmetic(
        _ op: String,
        _ left: ConditionValue,
        _ right: ConditionValue,
        column: Int
    )
        throws(ConditionError) -> ConditionValue
    {
        if case .int(let l) = left, case .int(let r) = right, ["+", "-", "*", "%"].contains(op) {
            let (value, overflow): (Int, Bool)
            switch op {
            case "+": (value, overflow) = l.addingReportingOverflow(r)
            case "-": (value, overflow) = l.subtractingReportingOverflow(r)
            case "*": (value, overflow) = l.multipliedReportingOverflow(by: r)
            default:
                guard r != 0 else { throw ConditionError("integer divide by zero", column: column) }
                (value, overflow) = l.remainderReportingOverflow(dividingBy: r)
            }
            if overflow { throw ConditionError("integer overflow in \(l) \(op) \(r)", column: column) }
            return .int(value)
        }
        guard let l = left.number, let r = right.number, op != "%" else {
            throw mismatch(op, left, right, column: column)
        }
        switch op {
        case "+": return .float(l + r)
        case "-": return .float(l - r)
        case "*": return .float(l * r)
        case "/": return .float(l / r)
        case "**", "^": return .float(pow(l, r))
        default: throw mismatch(op, left, right, column: column)
        }
    }

    /// Deep equality; numbers compare by value across int and float.
    static func equal(_ left: ConditionValue, _ right: ConditionValue) -> Bool {
        if let l = left.number, let r = right.number { return l == r }
        switch (left, right) {
        case (.array(let l), .array(let r)): return l.count == r.count && zip(l, r).allSatisfy { equal($0, $1) }
        case (.map(let l), .map(let r)):
            return l.count == r.count && l.allSatisfy { key, value in r[key].map { equal(value, $0) } ?? false }
        default: return left == right
        }
    }

    static func member(
        _ name: String,
        of value: ConditionValue,
        optional: Bool,
        column: Int
    ) throws(ConditionError)
        -> ConditionValue
    {
        switch value {
        case .map(let members): return members[name] ?? .null
        case .null where optional: return .null
        default: throw ConditionError("cannot fetch \(name) from \(value.typeName)", column: column)
        }
    }

    static func element(
        of value: ConditionValue,
        at index: ConditionValue,
        column: Int
    ) throws(ConditionError)
        -> ConditionValue
    {
        switch (value, index) {
        case (.map(let members), .string(let key)):
            return members[key] ?? .null
        case (.array(let elements), _):
            return elements[try position(index, in: value, count: elements.count, column: column)]
        case (.string(let text), _):
            let characters = Array(text)
            return .string(String(characters[try position(index, in: value, count: characters.count, column: column)]))
        default:
            throw ConditionError("cannot fetch \(index) from \(value.typeName)", column: column)
        }
    }

    /// Where `index` points in an array or string of `count` elements (negative counts from the end).
    private static func position(
        _ index: ConditionValue,
        in value: ConditionValue,
        count: Int,
        column: Int
    )
        throws(ConditionError) -> Int
    {
        let position = try integerIndex(index, of: value, column: column)
        let resolved = position < 0 ? count + position : position
        guard resolved >= 0, resolved < count else {
            throw ConditionError(
                "index out of range: \(position) (\(value.typeName) length is \(count))",
                column: column
            )
        }
        return resolved
    }

    private static func integerIndex(
        _ index: ConditionValue,
        of value: ConditionValue,
        column: Int
    ) throws(ConditionError)
        -> Int
    {
        switch index {
        case .int(let position): return position
        case .float(let number) where number.rounded() == number && abs(number) < 1e15: return Int(number)
        default:
            throw ConditionError("cannot use \(index.typeName) as index to \(value.typeName)", column: column)
        }
    }
}
