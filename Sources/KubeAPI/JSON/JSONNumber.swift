/// A JSON number kept as the exact text it was written with.
///
/// Keeping the text means a number Vane does not model (a 64-bit id, `1.50`) is written back
/// exactly as it was read. Equality compares the value, not the spelling.
public struct JSONNumber: Sendable {
    /// The number as written in JSON (always valid JSON number syntax).
    public let text: String

    /// Wraps text already known to be valid JSON number syntax (the parser checks it).
    init(validatedText text: String) {
        self.text = text
    }

    public init(_ value: Int) {
        self.text = String(value)
    }

    public init(_ value: Int64) {
        self.text = String(value)
    }

    public init(_ value: UInt64) {
        self.text = String(value)
    }

    /// Integral doubles are written without a fraction (`3`, not `3.0`), as Go's encoder does.
    /// Non-finite values have no JSON form and become `0`; encoders reject them before this point.
    public init(_ value: Double) {
        if value.isFinite, value == value.rounded(), abs(value) < 9.007_199_254_740_992e15 {
            self.text = String(Int64(value))
        } else if value.isFinite {
            self.text = String(describing: value)
        } else {
            self.text = "0"
        }
    }

    public var int64Value: Int64? {
        if let exact = Int64(text) { return exact }
        guard let double = Double(text), double == double.rounded(),
            double >= -9.223_372_036_854_775_808e18, double < 9.223_372_036_854_775_808e18
        else { return nil }
        return Int64(double)
    }

    public var intValue: Int? {
        int64Value.flatMap { Int(exactly: $0) }
    }

    public var uint64Value: UInt64? {
        if let exact = UInt64(text) { return exact }
        guard let value = int64Value, value >= 0 else { return nil }
        return UInt64(value)
    }

    public var doubleValue: Double? {
        Double(text)
    }

    /// True when the text has no fraction or exponent.
    public var isInteger: Bool {
        !text.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
    }
}

extension JSONNumber: Hashable {
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if lhs.text == rhs.text { return true }
        if let a = Int64(lhs.text), let b = Int64(rhs.text) { return a == b }
        guard let a = Double(lhs.text), let b = Double(rhs.text) else { return false }
        return a == b
    }

    public func hash(into hasher: inout Hasher) {
        if let exact = Int64(text) {
            hasher.combine(Double(exact))
        } else {
            hasher.combine(Double(text) ?? 0)
        }
    }
}

extension JSONNumber: CustomStringConvertible {
    public var description: String { text }
}
