/// A resource amount as Kubernetes writes it (`resource.Quantity`): `500m`, `1Gi`, `2`, `1e3`,
/// `1.5`, with SI (`n u m k M G T P E`), binary (`Ki Mi Gi Ti Pi Ei`) or exponent suffixes.
///
/// Vane reads quantities in pod resources (`vane lint`, the CLI's tables) and compares them, so it
/// keeps the exact value (in billionths, rounded away from zero like Kubernetes) and the text as
/// written: encoding writes the original text back, and ``canonical`` gives Kubernetes' canonical
/// form. Two quantities are equal when their values are equal (`1k == 1000 == 1e3`).
public struct Quantity: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// How a quantity's suffix is written, which decides its canonical form.
    public enum Format: Hashable, Sendable {
        /// Powers of 1024: `Ki`, `Mi`, ...
        case binarySI
        /// Powers of 1000: `m`, `k`, `M`, ... (and no suffix).
        case decimalSI
        /// `e3`, `E6`, ...
        case decimalExponent
    }

    /// The value times 10⁹ (Kubernetes keeps nine decimal places, rounding away from zero).
    public let nanoUnits: Int128
    public let format: Format
    /// The text as written (a JSON number's text when it was read from a number).
    public let text: String
    private let wasNumber: Bool

    public init(parsing text: String) throws(QuantityParseError) {
        (self.nanoUnits, self.format) = try Self.parse(text)
        self.text = text
        self.wasNumber = false
    }

    /// A whole number with the given format; written in canonical form.
    public init(_ value: Int64, format: Format = .decimalSI) {
        self.init(nanoUnits: Int128(value) * 1_000_000_000, format: format)
    }

    /// A value in billionths with the given format; written in canonical form.
    public init(nanoUnits: Int128, format: Format = .decimalSI) {
        self.nanoUnits = nanoUnits
        self.format = format
        self.wasNumber = false
        self.text = Self.canonical(nanoUnits: nanoUnits, format: format)
    }

    public var description: String { text }

    public static func == (lhs: Quantity, rhs: Quantity) -> Bool { lhs.nanoUnits == rhs.nanoUnits }
    public func hash(into hasher: inout Hasher) { hasher.combine(nanoUnits) }
    public static func < (lhs: Quantity, rhs: Quantity) -> Bool { lhs.nanoUnits < rhs.nanoUnits }

    /// The value rounded up to a whole number (Kubernetes' `Value()`), or nil if it does not fit.
    public var int64Value: Int64? { Self.dividedRoundingUp(nanoUnits, by: 1_000_000_000) }
    /// The value in thousandths rounded up (Kubernetes' `MilliValue()`, e.g. CPU millicores).
    public var milliValue: Int64? { Self.dividedRoundingUp(nanoUnits, by: 1_000_000) }
    public var doubleValue: Double { Double(nanoUnits) / 1e9 }

    // MARK: - Codable

    public init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer().decode(JSONValue.self)
        let text: String
        switch value {
        case .string(let string): text = string
        case .number(let number): text = number.text
        default:
            throw DecodingError.typeMismatch(
                Quantity.self,
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "expected a quantity such as \"500m\" or \"1Gi\""
                )
            )
        }
        do {
            (self.nanoUnits, self.format) = try Self.parse(text)
        } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.description)
            )
        }
        self.text = text
        self.wasNumber = value.numberValue != nil
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if wasNumber {
            try container.encode(JSONValue.number(JSONNumber(validatedText: text)))
        } else {
            try container.encode(text)
        }
    }

    // MARK: - Canonical form

    private static let decimalSuffixes: [Int: String] = [
        -9: "n", -6: "u", -3: "m", 0: "", 3: "k", 6: "M", 9: "G", 12: "T", 15: "P", 18: "E",
    ]
    private static let binarySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]

    /// Kubernetes' canonical form: the largest suffix that keeps the number whole
    /// (`1.5` → `1500m`, `1000` → `1k`, `1.5Gi` → `1536Mi`, `1.5e3` → `1500`). Binary quantities
    /// below 1024 or with a fraction are written with decimal suffixes, as Kubernetes does.
    public var canonical: String { Self.canonical(nanoUnits: nanoUnits, format: format) }

    private static func canonical(nanoUnits: Int128, format: Format) -> String {
        if nanoUnits == 0 { return "0" }
        let billion: Int128 = 1_000_000_000
        if format == .binarySI, nanoUnits <= -1024 * billion || nanoUnits >= 1024 * billion,
            nanoUnits % billion == 0
        {
            var value = nanoUnits / billion
            var power = 0
            while power < binarySuffixes.count - 1, value % 1024 == 0 {
                value /= 1024
                power += 1
            }
            return "\(value)\(binarySuffixes[power])"
        }
        var mantissa = nanoUnits
        var exponent = -9
        while mantissa % 10 == 0 {
            mantissa /= 10
            exponent += 1
        }
        // Round the exponent down to a multiple of three.
        var exponent3 = exponent >= 0 ? exponent / 3 * 3 : -((-exponent + 2) / 3 * 3)
        if format != .decimalExponent, exponent3 > 18 { exponent3 = 18 }
        for _ in 0..<(exponent - exponent3) { mantissa *= 10 }
        if format == .decimalExponent {
            return exponent3 == 0 ? "\(mantissa)" : "\(mantissa)e\(exponent3)"
        }
        return "\(mantissa)\(decimalSuffixes[exponent3] ?? "")"
    }

    // MARK: - Parsing

    static func parse(_ text: String) throws(QuantityParseError) -> (Int128, Format) {
        func fail(_ reason: String) -> QuantityParseError { QuantityParseError(text: text, reason: reason) }
        let bytes = Array(text.utf8)
        var index = 0
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var mantissa: Int128 = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                let (times, overflow1) = mantissa.multipliedReportingOverflow(by: 10)
                let (plus, overflow2) = times.addingReportingOverflow(Int128(byte - UInt8(ascii: "0")))
                if overflow1 || overflow2 { throw fail("has too many digits") }
                mantissa = plus
                digits += 1
                if seenPoint { fractionDigits += 1 }
            } else {
                break
            }
            index += 1
        }
        if digits == 0 { throw fail(bytes.isEmpty ? "is empty" : "must start with a number") }
        let suffix = String(decoding: bytes[index...], as: UTF8.self)

        // value = mantissa × 10^(decimalExponent - fractionDigits) × 1024^binaryPower
        var decimalExponent = 0
        var binaryPower = 0
        let format: Format
        if let power = binarySuffixes.firstIndex(of: suffix), !suffix.isEmpty {
            binaryPower = power
            format = .binarySI
        } else if let exponent = decimalSuffixes.first(where: { $0.value == suffix })?.key {
            decimalExponent = exponent
            format = .decimalSI
        } else if let first = suffix.first, first == "e" || first == "E" {
            guard let exponent = Int(suffix.dropFirst()) else {
                throw fail("invalid exponent \"\(suffix)\"")
            }
            guard (-40...40).contains(exponent) else { throw fail("exponent \(exponent) is out of range") }
            decimalExponent = exponent
            format = .decimalExponent
        } else {
            throw fail("unknown suffix \"\(suffix)\"; use n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or e<n>")
        }

        var value = mantissa
        for _ in 0..<binaryPower {
            let (product, overflow) = value.multipliedReportingOverflow(by: 1024)
            if overflow { throw fail("is too large") }
            value = product
        }
        let shift = decimalExponent - fractionDigits + 9
        if shift >= 0 {
            for _ in 0..<shift {
                let (product, overflow) = value.multipliedReportingOverflow(by: 10)
                if overflow { throw fail("is too large") }
                value = product
            }
        } else {
            var divisor: Int128 = 1
            for _ in 0..<(-shift) {
                let (product, overflow) = divisor.multipliedReportingOverflow(by: 10)
                if overflow {
                    divisor = 0
                    break
                }
                divisor = product
            }
            // Below a billionth: round away from zero, as Kubernetes does.
            value = divisor == 0 ? (value == 0 ? 0 : 1) : (value + divisor - 1) / divisor
        }
        return (negative ? -value : value, format)
    }

    private static func dividedRoundingUp(_ value: Int128, by divisor: Int128) -> Int64? {
        var quotient = value / divisor
        if value % divisor > 0 { quotient += 1 }
        return Int64(exactly: quotient)
    }
}

/// A quantity string that cannot be parsed, naming the text and what is wrong with it.
public struct QuantityParseError: Error, Hashable, Sendable, CustomStringConvertible {
    public var text: String
    public var reason: String

    public init(text: String, reason: String) {
        self.text = text
        self.reason = reason
    }

    public var description: String { "invalid quantity \"\(text)\": \(reason)" }
}
