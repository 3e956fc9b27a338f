import KubeAPI
import Testing

@Suite struct QuantityTests {
    /// (input, value in billionths, canonical form as Kubernetes prints it)
    static let cases: [(String, Int128, String)] = [
        ("0", 0, "0"),
        ("2", 2_000_000_000, "2"),
        ("500m", 500_000_000, "500m"),
        ("1.5", 1_500_000_000, "1500m"),
        ("0.1", 100_000_000, "100m"),
        (".5", 500_000_000, "500m"),
        ("1000", 1_000_000_000_000, "1k"),
        ("1500", 1_500_000_000_000, "1500"),
        ("1k", 1_000_000_000_000, "1k"),
        ("1M", 1_000_000_000_000_000, "1M"),
        ("100n", 100, "100n"),
        ("1u", 1_000, "1u"),
        ("1Ki", 1_024_000_000_000, "1Ki"),
        ("1Gi", 1_073_741_824_000_000_000, "1Gi"),
        ("1.5Gi", 1_610_612_736_000_000_000, "1536Mi"),
        ("1024Mi", 1_073_741_824_000_000_000, "1Gi"),
        ("0.5Ki", 512_000_000_000, "512"),
        ("1536", 1_536_000_000_000, "1536"),
        ("1e3", 1_000_000_000_000, "1e3"),
        ("1E3", 1_000_000_000_000, "1e3"),
        ("1.5e3", 1_500_000_000_000, "1500"),
        ("1e-3", 1_000_000, "1e-3"),
        ("-1", -1_000_000_000, "-1"),
        ("+2k", 2_000_000_000_000, "2k"),
        ("-500m", -500_000_000, "-500m"),
        ("1E", 1_000_000_000_000_000_000_000_000_000, "1E"),
        ("8Ei", 8 * 1_152_921_504_606_846_976 * 1_000_000_000, "8Ei"),
        ("0.0000000001", 1, "1n"),
        ("12345678n", 12_345_678, "12345678n"),
    ]

    @Test(arguments: cases)
    func parsesAndCanonicalizes(text: String, nanoUnits: Int128, canonical: String) throws {
        let quantity = try Quantity(parsing: text)
        #expect(quantity.nanoUnits == nanoUnits)
        #expect(quantity.canonical == canonical)
        #expect(quantity.description == text)
        #expect(try Quantity(parsing: canonical) == quantity)
    }

    @Test(arguments: [
        ("", "is empty"), ("m", "must start with a number"), (" 1", "must start with a number"),
        ("1x", "unknown suffix \"x\""), ("1KB", "unknown suffix \"KB\""), ("1.2.3", "unknown suffix \".3\""),
        ("1ki", "unknown suffix \"ki\""), ("1e", "invalid exponent"), ("1e1.5", "invalid exponent"),
        ("1e99", "out of range"), ("999999999999999999999999999999999999999999", "too many digits"),
        ("9999999999999999999999999Ei", "too large"),
    ])
    func rejects(text: String, phrase: String) {
        do {
            let quantity = try Quantity(parsing: text)
            Issue.record("parsed \(text) as \(quantity.canonical)")
        } catch {
            #expect(error.description.hasPrefix("invalid quantity \"\(text)\": "))
            #expect(error.description.contains(phrase), "\(error.description)")
        }
    }

    @Test func comparesByValue() throws {
        #expect(try Quantity(parsing: "1k") == Quantity(parsing: "1000"))
        #expect(try Quantity(parsing: "1e3") == Quantity(parsing: "1k"))
        #expect(try Quantity(parsing: "1Ki") > Quantity(parsing: "1k"))
        #expect(try Quantity(parsing: "500m") < Quantity(parsing: "1"))
        #expect(try Quantity(parsing: "-1") < Quantity(parsing: "0"))
        #expect(try Set([Quantity(parsing: "1k"), Quantity(parsing: "1000")]).count == 1)
        #expect(try Quantity(parsing: "1500m").int64Value == 2)
        #expect(try Quantity(parsing: "1.2345m").milliValue == 2)
        #expect(try Quantity(parsing: "250m").doubleValue == 0.25)
        #expect(Quantity(2048, format: .binarySI).description == "2Ki")
        #expect(Quantity(1000).description == "1k")
    }

    @Test func codableKeepsTheWrittenForm() throws {
        struct Limits: Codable {
            var cpu: Quantity?
            var memory: Quantity?
            var unknownFields = UnknownFields()
        }
        for text in [#"{"cpu":"1.5","memory":"1.5Gi"}"#, #"{"cpu":2,"memory":"128974848"}"#, #"{"cpu":0.5}"#] {
            let limits = try KubeJSON.decode(Limits.self, from: Array(text.utf8))
            #expect(String(decoding: try KubeJSON.encode(limits), as: UTF8.self) == text)
        }
        let limits = try KubeJSON.decode(Limits.self, from: Array(#"{"cpu":0.5,"memory":"1Mi"}"#.utf8))
        #expect(limits.cpu?.canonical == "500m")
        #expect(limits.memory?.int64Value == 1_048_576)
        for (input, phrase) in [
            (#"{"cpu":"2 cores"}"#, #"cpu: invalid quantity "2 cores""#),
            (#"{"cpu":true}"#, "cpu: expected a quantity"),
        ] {
            do {
                _ = try KubeJSON.decode(Limits.self, from: Array(input.utf8))
                Issue.record("decoded \(input)")
            } catch {
                #expect(KubeJSON.describe(error).hasPrefix(phrase), "\(KubeJSON.describe(error))")
            }
        }
    }
}
