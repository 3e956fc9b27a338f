/// A duration as Kubernetes and Argo Rollouts write it: a Go duration string (`300ms`, `30s`,
/// `1h30m`, `1.5h`) or a plain number of seconds (`60` or `"60"`, which Argo accepts for pauses and
/// analysis intervals). The one duration parser of the project: manifests, `vane lint` and every
/// duration flag of the CLI read durations through it.
///
/// It remembers how it was written (`description`), so messages and help texts show a duration as a
/// person wrote it. Negative durations are rejected: no field or flag Vane reads allows them. Two values
/// are equal when they denote the same length of time.
public struct KubeDuration: Hashable, Sendable, Decodable, CustomStringConvertible {
    /// The length of time.
    public let duration: Duration
    /// The text as written; an integer read from JSON prints as its number.
    public let description: String

    /// Parses a Go duration string or a plain integer number of seconds.
    public init(parsing text: String) throws(KubeDurationError) {
        self.duration = try Self.parse(text)
        self.description = text
    }

    /// A whole number of seconds (a JSON integer).
    public init(seconds: Int64) throws(KubeDurationError) {
        guard seconds >= 0 else { throw KubeDurationError(text: String(seconds), reason: "must not be negative") }
        guard seconds <= Self.maxNanoseconds / 1_000_000_000 else {
            throw KubeDurationError(text: String(seconds), reason: "is too large")
        }
        self.duration = .seconds(seconds)
        self.description = String(seconds)
    }

    /// A Swift duration, written as Go writes it (`1h30m0s`, `1.5s`, `300ms`).
    /// Negative durations are clamped to zero; sub-nanosecond precision is dropped.
    public init(_ duration: Duration) {
        let nanoseconds = max(0, Self.nanoseconds(of: duration))
        self.duration = .nanoseconds(nanoseconds)
        self.description = Self.goString(nanoseconds: nanoseconds)
    }

    /// Whole nanoseconds, as Go's `time.Duration`.
    public var nanoseconds: Int64 { Self.nanoseconds(of: duration) }

    public static func == (lhs: KubeDuration, rhs: KubeDuration) -> Bool { lhs.duration == rhs.duration }
    public func hash(into hasher: inout Hasher) { hasher.combine(duration) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        do {
            if let seconds = try? container.decode(Int64.self) {
                self = try KubeDuration(seconds: seconds)
            } else if let text = try? container.decode(String.self) {
                self = try KubeDuration(parsing: text)
            } else {
                throw DecodingError.typeMismatch(
                    KubeDuration.self,
                    .init(
                        codingPath: decoder.codingPath,
                        debugDescription: "expected a duration string such as \"30s\" or an integer number of seconds"
                    )
                )
            }
        } catch let error as KubeDurationError {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.description)
            )
        }
    }

    // MARK: - Parsing (Go's time.ParseDuration, without signs)

    static let maxNanoseconds = Int64.max

    private static let units: [(String, Int64)] = [
        ("ns", 1), ("us", 1_000), ("µs", 1_000), ("μs", 1_000), ("ms", 1_000_000),
        ("s", 1_000_000_000), ("m", 60_000_000_000), ("h", 3_600_000_000_000),
    ]

    static func parse(_ text: String) throws(KubeDurationError) -> Duration {
        func fail(_ reason: String) -> KubeDurationError { KubeDurationError(text: text, reason: reason) }
        let scalars = Array(text.unicodeScalars)
        if scalars.isEmpty { throw fail("is empty") }
        if scalars.first == "-" { throw fail("must not be negative") }
        var index = scalars.startIndex
        if scalars.first == "+" { index += 1 }
        let body = scalars[index...]
        if body.isEmpty { throw fail("has no number") }
        // A plain integer is a number of seconds (Argo's convention); Go allows only "0" unitless.
        if body.allSatisfy({ ("0"..."9").contains($0) }) {
            guard let seconds = Int64(String(String.UnicodeScalarView(body))),
                seconds <= maxNanoseconds / 1_000_000_000
            else { throw fail("is too large") }
            return .seconds(seconds)
        }
        var total: Int64 = 0
        while index < scalars.endIndex {
            // Integer part.
            var whole: Int64 = 0
            var digits = 0
            while index < scalars.endIndex, ("0"..."9").contains(scalars[index]) {
                let digit = Int64(scalars[index].value - 48)
                let (times, overflow1) = whole.multipliedReportingOverflow(by: 10)
                let (plus, overflow2) = times.addingReportingOverflow(digit)
                if overflow1 || overflow2 { throw fail("is too large") }
                whole = plus
                digits += 1
                index += 1
            }
            // Fraction.
            var fraction: Int64 = 0
            var scale: Int64 = 1
            var fractionDigits = 0
            if index < scalars.endIndex, scalars[index] == "." {
                index += 1
                while index < scalars.endIndex, ("0"..."9").contains(scalars[index]) {
                    // Digits past what Int64 can hold add nothing at nanosecond precision.
                    if scale <= Int64.max / 10 {
                        fraction = fraction * 10 + Int64(scalars[index].value - 48)
                        scale *= 10
                    }
                    fractionDigits += 1
                    index += 1
                }
            }
            if digits == 0 && fractionDigits == 0 { throw fail("expected a number at \"\(rest(scalars, index))\"") }
            // Unit.
            let unitStart = index
            while index < scalars.endIndex, scalars[index] != ".", !("0"..."9").contains(scalars[index]) {
                index += 1
            }
            let unit = String(String.UnicodeScalarView(scalars[unitStart..<index]))
            if unit.isEmpty { throw fail("missing unit after a number; use ns, us, ms, s, m or h") }
            guard let multiplier = units.first(where: { $0.0 == unit })?.1 else {
                throw fail("unknown unit \"\(unit)\"; use ns, us, ms, s, m or h")
            }
            let (wholeNanos, overflow1) = whole.multipliedReportingOverflow(by: multiplier)
            if overflow1 { throw fail("is too large") }
            let fractionNanos = Int64((Double(fraction) * Double(multiplier) / Double(scale)).rounded(.down))
            let (component, overflow2) = wholeNanos.addingReportingOverflow(fractionNanos)
            let (sum, overflow3) = total.addingReportingOverflow(component)
            if overflow2 || overflow3 { throw fail("is too large") }
            total = sum
        }
        return .nanoseconds(total)
    }

    private static func rest(_ scalars: [Unicode.Scalar], _ index: Int) -> String {
        String(String.UnicodeScalarView(scalars[index...]))
    }

    static func nanoseconds(of duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? Int64.min : Int64.max }
        let (sum, overflow2) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
        if overflow2 { return seconds < 0 ? Int64.min : Int64.max }
        return sum
    }

    /// Go's `Duration.String()` for a non-negative value.
    static func goString(nanoseconds: Int64) -> String {
        if nanoseconds == 0 { return "0s" }
        if nanoseconds < 1_000 { return "\(nanoseconds)ns" }
        if nanoseconds < 1_000_000 { return decimal(nanoseconds, scale: 1_000) + "µs" }
        if nanoseconds < 1_000_000_000 { return decimal(nanoseconds, scale: 1_000_000) + "ms" }
        let hours = nanoseconds / 3_600_000_000_000
        let minutes = nanoseconds / 60_000_000_000 % 60
        let secondsText = decimal(nanoseconds % 60_000_000_000, scale: 1_000_000_000) + "s"
        if hours > 0 { return "\(hours)h\(minutes)m" + secondsText }
        if minutes > 0 { return "\(minutes)m" + secondsText }
        return secondsText
    }

    /// `value / scale` with the fraction's trailing zeros removed (`1500, 1000` → `1.5`).
    private static func decimal(_ value: Int64, scale: Int64) -> String {
        let whole = value / scale
        var fraction = value % scale
        guard fraction != 0 else { return String(whole) }
        var width = String(scale).count - 1
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        let digits = String(fraction)
        return "\(whole)." + String(repeating: "0", count: width - digits.count) + digits
    }
}

/// A duration string that cannot be parsed, naming the text and what is wrong with it.
public struct KubeDurationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var text: String
    public var reason: String

    public init(text: String, reason: String) {
        self.text = text
        self.reason = reason
    }

    public var description: String { "invalid duration \"\(text)\": \(reason)" }
}
