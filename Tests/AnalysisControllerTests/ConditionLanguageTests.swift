import AnalysisController
import KubeAPI
import Testing

/// The conditions language: the expressions of the incumbent's templates and docs, the operators
/// and functions of the subset, and errors with their columns.
@Suite struct ConditionLanguageTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var expression: String
        var result: ConditionValue
        var expected: Bool
        var testDescription: String { "\(expression) with result \(result) → \(expected)" }
    }

    static let vector: ConditionValue = .array([.float(0.97), .float(0.5)])
    static let json = ConditionValue(
        try! YAMLDocuments.parseSingle(
            """
            ok: true
            successPercent: 0.93
            major: "1"
            status: ok
            service_apdex: {label: null, values: {values: [{value: "9950"}, {value: "9990"}]}}
            counts: [2, 2]
            """
        )
    )

    static let rows: [Row] = [
        // The incumbent's examples.
        Row(expression: "result[0] >= 0.95", result: vector, expected: true),
        Row(expression: "result[0] <= 0.95", result: vector, expected: false),
        Row(expression: "result[1] < 0.95", result: vector, expected: true),
        Row(expression: "len(result) == 0 || result[0] < 5", result: .array([]), expected: true),
        Row(expression: "len(result) > 0 && result[0] >= 0.95", result: .array([]), expected: false),
        Row(expression: "result.status == \"ok\"", result: json, expected: true),
        Row(expression: "result.major == '1'", result: json, expected: true),
        Row(expression: "result.ok && result.successPercent >= 0.90", result: json, expected: true),
        Row(expression: "asInt(result) > 3", result: .string("4"), expected: true),
        Row(expression: "asInt(result) == 1", result: .float(1.123), expected: true),
        Row(expression: "asFloat(result) == 1.1", result: .string("1.1"), expected: true),
        Row(expression: "asFloat(result) >= 1", result: .int(1), expected: true),
        Row(expression: "isNaN(result)", result: .float(.nan), expected: true),
        Row(expression: "isNaN(result) || result >= 0.95", result: .float(0.96), expected: true),
        Row(expression: "isInf(result)", result: .float(-.infinity), expected: true),
        Row(expression: "default(result, 0) < 5", result: .null, expected: true),
        Row(expression: "default(result, 0) < 5", result: .float(7), expected: false),
        Row(expression: "isNil(result)", result: .null, expected: true),
        Row(expression: "isNil(result)", result: .array([]), expected: false),
        Row(expression: "result == nil", result: .null, expected: true),
        Row(expression: "2 in result", result: .array([.float(1), .float(2)]), expected: true),
        Row(expression: "3 not in result", result: .array([.float(1), .float(2)]), expected: true),
        Row(expression: "'ok' in result", result: json, expected: true),
        Row(expression: "all(result.counts, {# > 1})", result: json, expected: true),
        Row(expression: "all(result, # < 1000)", result: .array([.float(5), .float(999)]), expected: true),
        Row(
            expression: "all(result.service_apdex.values.values, {asFloat(.value) >= 9900})",
            result: json,
            expected: true
        ),
        Row(expression: "any(result, {# > 0.9})", result: vector, expected: true),
        Row(expression: "none(result, {# > 0.99})", result: vector, expected: true),
        Row(expression: "one(result, {# > 0.9})", result: vector, expected: true),
        Row(expression: "count(result, # > 0.1) == 2", result: vector, expected: true),
        Row(expression: "len(filter(result, # > 0.6)) == 1", result: vector, expected: true),
        Row(expression: "max(result) < 0.05", result: vector, expected: false),
        Row(expression: "min(result) == 0.5", result: vector, expected: true),
        Row(expression: "sum(map(result, # * 2)) > 2.9", result: vector, expected: true),
        Row(expression: "result == true", result: .bool(true), expected: true),
        Row(expression: "result == 'It worked!'", result: .string("It worked!"), expected: true),
        // Operators, precedence and literals.
        Row(expression: "1 + 2 * 3 == 7", result: .null, expected: true),
        Row(expression: "(1 + 2) * 3 == 9", result: .null, expected: true),
        Row(expression: "7 / 2 == 3.5", result: .null, expected: true),
        Row(expression: "7 % 4 == 3", result: .null, expected: true),
        Row(expression: "2 ** 3 ** 2 == 512", result: .null, expected: true),
        Row(expression: "-result < 0", result: .int(3), expected: true),
        Row(expression: "not (1 > 2) and !false", result: .null, expected: true),
        Row(expression: "true or 1 / 0 > 1", result: .null, expected: true),
        Row(expression: "false and result.missing.field", result: .null, expected: false),
        Row(expression: "1 == 1.0 && 1_000 == 1e3 && 0x10 == 16", result: .null, expected: true),
        Row(expression: "'a' + \"b\" == `ab` && 'x\\'y' == \"x'y\"", result: .null, expected: true),
        Row(
            expression: "\"abc\" < \"abd\" && \"abc\" contains \"b\" && \"abc\" startsWith \"a\"",
            result: .null,
            expected: true
        ),
        Row(expression: "result.missing == nil && result?.missing?.deeper == nil", result: json, expected: true),
        Row(expression: "result['major'] == '1'", result: json, expected: true),
        Row(expression: "result[-1] == 0.5", result: vector, expected: true),
        Row(expression: "result.missing ?? 4 == 4", result: json, expected: true),
        Row(expression: "result > 1 ? true : false", result: .float(2), expected: true),
        Row(expression: "1 in [1, 2, 3] && 'b' in ['a', 'b']", result: .null, expected: true),
        Row(expression: "result == 'a' || result == 1", result: .float(1), expected: true),
        Row(expression: "'1' == 1", result: .null, expected: false),
        Row(expression: "\"v1.2\" matches \"^v[0-9]+\\\\.\"", result: .null, expected: true),
        Row(expression: "len('héllo') == 5 && upper('a') == 'A'", result: .null, expected: true),
    ]

    @Test(arguments: rows) func evaluates(_ row: Row) throws {
        #expect(try Condition(row.expression).evaluate(result: row.result) == row.expected)
    }

    struct Failure: Sendable, CustomTestStringConvertible {
        var expression: String
        var result: ConditionValue
        var message: String
        var column: Int
        var testDescription: String { "\(expression) fails at column \(column)" }
    }

    static let failures: [Failure] = [
        // Syntax: reported when parsing, before any measurement.
        Failure(
            expression: "result[0] 10.000000",
            result: .null,
            message: "unexpected token Number(\"10.000000\")",
            column: 11
        ),
        Failure(expression: "result >= ", result: .null, message: "unexpected token EOF", column: 11),
        Failure(expression: "(result > 1", result: .null, message: "unexpected token EOF", column: 12),
        Failure(expression: "result > 1)", result: .null, message: "unexpected token Bracket(\")\")", column: 11),
        Failure(expression: "result @ 1", result: .null, message: "unrecognized character: U+0040 '@'", column: 8),
        Failure(expression: "result == 'open", result: .null, message: "literal not terminated", column: 11),
        Failure(expression: "", result: .null, message: "empty expression", column: 1),
        Failure(expression: "a == true", result: .null, message: "unknown name a", column: 1),
        Failure(expression: "result > 1 && invalidVar", result: .null, message: "unknown name invalidVar", column: 15),
        Failure(expression: "lenn(result) > 1", result: .null, message: "unknown func lenn", column: 1),
        Failure(expression: "len(result, 1) > 1", result: .null, message: "len() takes 1 argument, got 2", column: 1),
        Failure(expression: "# > 1", result: .null, message: "# is only defined inside a predicate", column: 1),
        Failure(
            expression: "result.Name() == 'hi'",
            result: .null,
            message: "methods are not supported: Name()",
            column: 7
        ),
        // Evaluation.
        Failure(
            expression: "result[0] >= 0.95",
            result: .array([]),
            message: "index out of range: 0 (array length is 0)",
            column: 7
        ),
        Failure(expression: "result.a.b == 1", result: .map([:]), message: "cannot fetch b from nil", column: 9),
        Failure(
            expression: "result > 'x'",
            result: .float(1),
            message: "invalid operation: > (mismatched types float64 and string)",
            column: 8
        ),
        Failure(
            expression: "result && true",
            result: .float(1),
            message: "invalid operation: && (mismatched types float64)",
            column: 8
        ),
        Failure(expression: "1", result: .null, message: "expected bool, but got int", column: 1),
        Failure(
            expression: "asInt(result) == 1",
            result: .string("1.1"),
            message: "strconv.ParseInt: parsing \"1.1\": invalid syntax",
            column: 1
        ),
        Failure(
            expression: "asFloat(result) == 1.1",
            result: .string("NotANum"),
            message: "strconv.ParseFloat: parsing \"NotANum\": invalid syntax",
            column: 1
        ),
        Failure(
            expression: "isNaN(result)",
            result: .array([.float(1)]),
            message: "isNaN() expects a number, got array",
            column: 1
        ),
        Failure(expression: "5 % 0 == 1", result: .null, message: "integer divide by zero", column: 3),
        Failure(
            expression: "all(result, {# + 1})",
            result: .array([.int(1)]),
            message: "predicate of all must be bool, got int",
            column: 13
        ),
        Failure(
            expression: "len(result) > 0",
            result: .float(3),
            message: "invalid argument for len (type float64)",
            column: 1
        ),
    ]

    @Test(arguments: failures) func fails(_ failure: Failure) {
        let error = #expect(throws: ConditionError.self) {
            _ = try Condition(failure.expression).evaluate(result: failure.result)
        }
        #expect(error?.message == failure.message)
        #expect(error?.column == failure.column)
        #expect(error?.description == "\(failure.message) at column \(failure.column)")
    }

    @Test(
        arguments: [
            (0.95, "0.95"), (1, "1"), (100, "100"), (0.000001, "0.000001"), (1e21, "1000000000000000000000"),
            (-2.5, "-2.5"), (.nan, "NaN"), (.infinity, "+Inf"), (-.infinity, "-Inf"), (123456.789, "123456.789"),
        ] as [(Double, String)]
    )
    func numbersAreWrittenAsTheIncumbentWritesThem(_ value: Double, _ text: String) {
        #expect(GoFloat.format(value) == text)
    }

    @Test func jsonNumbersAreFloatsAsInGo() throws {
        let value = ConditionValue(try YAMLDocuments.parseSingle("{n: 3, list: [1, 2.5], s: x, b: true, z: null}"))
        #expect(
            value
                == .map([
                    "n": .float(3), "list": .array([.float(1), .float(2.5)]), "s": .string("x"), "b": .bool(true),
                    "z": .null,
                ])
        )
        #expect(try Condition("result.n / 2 == 1.5").evaluate(result: value))
    }
}
