/// The syntax tree of a parsed condition. Every node keeps the column it starts at, so evaluation
/// errors point at the part of the expression that failed.
indirect enum ConditionExpression: Sendable, Hashable {
    case literal(ConditionValue, column: Int)
    /// A variable: only `result` exists.
    case variable(String, column: Int)
    /// `#`: the element a predicate is applied to.
    case pointer(column: Int)
    case array([ConditionExpression], column: Int)
    /// `base.name`, or `base?.name` (nil when `base` is nil).
    case member(ConditionExpression, name: String, optional: Bool, column: Int)
    /// `base[index]`, or `base?.[index]`.
    case index(ConditionExpression, ConditionExpression, optional: Bool, column: Int)
    case unary(String, ConditionExpression, column: Int)
    case binary(String, ConditionExpression, ConditionExpression, column: Int)
    case conditional(ConditionExpression, then: ConditionExpression, else: ConditionExpression, column: Int)
    case call(String, [ConditionExpression], column: Int)
    /// A predicate argument (`{# > 1}`), evaluated once per element.
    case predicate(ConditionExpression, column: Int)

    var column: Int {
        switch self {
        case .literal(_, let column), .variable(_, let column), .pointer(let column), .array(_, let column),
            .member(_, _, _, let column), .index(_, _, _, let column), .unary(_, _, let column),
            .binary(_, _, _, let column), .conditional(_, _, _, let column), .call(_, _, let column),
            .predicate(_, let column):
            column
        }
    }
}
