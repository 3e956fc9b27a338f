import Foundation

/// The functions conditions may call. The incumbent's own (`asInt`, `asFloat`, `isNaN`, `isInf`,
/// `isNil`, `default`), expr-lang's that its templates use (`len`, `all`, `any`, `none`, `one`,
/// `filter`, `map`, `count`, `find`, `max`, `min`, `sum`, `abs`, `first`, `last`) and conversions
/// (`int`, `float`, `string`, `lower`, `upper`).
enum ConditionFunctions {
    /// Arity of each function (min, max).
    static let arity: [String: (Int, Int)] = [
        "len": (1, 1), "asInt": (1, 1), "asFloat": (1, 1), "isNaN": (1, 1), "isInf": (1, 1), "isNil": (1, 1),
        "default": (2, 2), "all": (2, 2), "any": (2, 2), "none": (2, 2), "one": (2, 2), "filter": (2, 2),
        "map": (2, 2), "count": (2, 2), "find": (2, 2), "max": (1, Int.max), "min": (1, Int.max), "sum": (1, 1),
        "abs": (1, 1), "first": (1, 1), "last": (1, 1), "int": (1, 1), "float": (1, 1), "string": (1, 1),
        "lower": (1, 1), "upper": (1, 1),
    ]

    static func call(
        _ name: String,
        _ arguments: [ConditionExpression],
        column: Int,
        evaluator: ConditionEvaluator,
        element: ConditionValue?
    ) throws(ConditionError) -> ConditionValue {
        if ConditionParser.predicateFunctions.contains(name) {
            return try predicate(name, arguments, column: column, evaluator: evaluator, element: element)
        }
        var values: [ConditionValue] = []
        for argument in arguments { values.append(try evaluator.evaluate(argument, element: element)) }
        func fail(_ message: String) -> ConditionError { ConditionError(message, column: column) }
        switch (name, values.first ?? .null) {
        case ("len", .array(let elements)): return .int(elements.count)
        case ("len", .map(let members)): return .int(members.count)
        case ("len", .string(let text)): return .int(text.count)
        case ("len", let other): throw fail("invalid argument for len (type \(other.typeName))")
        case ("asInt", let value), ("int", let value):
            switch value {
            case .int: return value
            case .float(let number):
                guard number.isFinite, abs(number) < 9.2e18 else { throw fail("\(name)() cannot convert \(value)") }
                return .int(Int(number))
            case .string(let text):
                guard let number = Int(text) else {
                    throw fail("strconv.ParseInt: parsing \"\(text)\": invalid syntax")
                }
                return .int(number)
            default: throw fail("\(name)() not supported on \(value.typeName) \(value)")
            }
        case ("asFloat", let value), ("float", let value):
            switch value {
            case .int(let number): return .float(Double(number))
            case .float: return value
            case .string(let text):
                guard let number = parseFloat(text) else {
                    throw fail("strconv.ParseFloat: parsing \"\(text)\": invalid syntax")
                }
                return .float(number)
            default: throw fail("\(name)() not supported on \(value.typeName) \(value)")
            }
        case ("isNaN", let value), ("isInf", let value):
            guard let number = value.number else { throw fail("\(name)() expects a number, got \(value.typeName)") }
            return .bool(name == "isNaN" ? number.isNaN : number.isInfinite)
        case ("isNil", let value): return .bool(value.isNull)
        case ("default", let value): return value.isNull ? values[1] : value
        case ("max", _), ("min", _): return try extreme(name, values, column: column)
        case ("sum", .array(let elements)):
            var total: ConditionValue = .int(0)
            for item in elements { total = try ConditionEvaluator.apply("+", total, item, column: column) }
            return total
        case ("abs", .int(let number)): return .int(abs(number))
        case ("abs", .float(let number)): return .float(abs(number))
        case ("first", .array(let elements)): return elements.first ?? .null
        case ("last", .array(let elements)): return elements.last ?? .null
        case ("string", let value): return .string(value.description)
        case ("lower", .string(let text)): return .string(text.lowercased())
        case ("upper", .string(let text)): return .string(text.uppercased())
        case (_, let value): throw fail("invalid argument for \(name) (type \(value.typeName))")
        }
    }

    /// Go's `strconv.ParseFloat` accepts `NaN`, `Inf`, `+Inf`, `-Inf` (any case) besides numbers.
    static func parseFloat(_ text: String) -> Double? {
        switch text.lowercased() {
        case "nan": return .nan
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default: return text.isEmpty || text.contains(where: \.isWhitespace) ? nil : Double(text)
        }
    }

    private static func extreme(
        _ name: String,
        _ values: [ConditionValue],
        column: Int
    ) throws(ConditionError)
        -> ConditionValue
    {
        var candidates = values
        if values.count == 1, case .array(let elements) = values[0] { candidates = elements }
        guard var best = candidates.first else { throw ConditionError("\(name)() of an empty array", column: column) }
        for candidate in candidates {
            guard candidate.number != nil else {
                throw ConditionError("invalid argument for \(name) (type \(candidate.typeName))", column: column)
            }
            let better = try ConditionEvaluator.apply(name == "max" ? ">" : "<", candidate, best, column: column)
            if better == .bool(true) { best = candidate }
        }
        guard best.number != nil else {
            throw ConditionError("invalid argument for \(name) (type \(best.typeName))", column: column)
        }
        return best
    }

    private static func predicate(
        _ name: String,
        _ arguments: [ConditionExpression],
        column: Int,
        evaluator: ConditionEvaluator,
        element: ConditionValue?
    ) throws(ConditionError) -> ConditionValue {
        let collection = try evaluator.evaluate(arguments[0], element: element)
        let elements: [ConditionValue]
        switch collection {
        case .array(let values): elements = values
        case .null: elements = []
        default:
            throw ConditionError("invalid argument for \(name) (type \(collection.typeName))", column: column)
        }
        var matched: [ConditionValue] = []
        var mapped: [ConditionValue] = []
        for item in elements {
            let outcome = try evaluator.evaluate(arguments[1], element: item)
            if name == "map" {
                mapped.append(outcome)
                continue
            }
            guard case .bool(let flag) = outcome else {
                throw ConditionError(
                    "predicate of \(name) must be bool, got \(outcome.typeName)",
                    column: arguments[1].column
                )
            }
            if flag {
                matched.append(item)
                if name == "find" { return item }
                if name == "any" { return .bool(true) }
                if name == "none" { return .bool(false) }
            } else if name == "all" {
                return .bool(false)
            }
        }
        switch name {
        case "all", "none": return .bool(true)
        case "any": return .bool(false)
        case "one": return .bool(matched.count == 1)
        case "count": return .int(matched.count)
        case "filter": return .array(matched)
        case "map": return .array(mapped)
        default: return .null
        }
    }
}
