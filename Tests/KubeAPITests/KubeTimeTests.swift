import KubeAPI
import Testing

/// RFC 3339 times with and without fractional seconds, as Kubernetes writes `metav1.Time` and
/// `metav1.MicroTime`.
@Suite struct KubeTimeTests {
    @Test(arguments: [
        ("2026-01-02T03:04:05Z", "2026-01-02T03:04:05Z", "2026-01-02T03:04:05.000000Z"),
        ("2026-01-02T03:04:05.123456Z", "2026-01-02T03:04:05Z", "2026-01-02T03:04:05.123456Z"),
        ("2026-01-02T03:04:05.5Z", "2026-01-02T03:04:05Z", "2026-01-02T03:04:05.500000Z"),
        ("2026-01-02T05:04:05+02:00", "2026-01-02T03:04:05Z", "2026-01-02T03:04:05.000000Z"),
        ("2025-12-31T23:30:00.000001-04:00", "2026-01-01T03:30:00Z", "2026-01-01T03:30:00.000001Z"),
        ("2024-02-29T00:00:00z", "2024-02-29T00:00:00Z", "2024-02-29T00:00:00.000000Z"),
        ("1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000000Z"),
    ])
    func parsesAndFormats(text: String, seconds: String, micro: String) throws {
        let time = try #require(KubeTime(rfc3339: text))
        #expect(time.description == seconds)
        let microTime = try #require(MicroTime(rfc3339: text))
        #expect(microTime.description == micro)
        // The formatted forms parse back to the same instant (to their precision).
        #expect(MicroTime(rfc3339: micro) == microTime)
        #expect(KubeTime(rfc3339: seconds)?.description == seconds)
    }

    @Test(arguments: [
        "", "2026-01-02", "2026-01-02T03:04:05", "2026-01-02 03:04:05Z", "2026-13-02T03:04:05Z",
        "2026-01-02T24:04:05Z", "2026-01-02T03:04:05.Z", "2026-01-02T03:04:05+0200", "2026-01-02T03:04:05Zjunk",
    ])
    func rejects(text: String) {
        #expect(KubeTime(rfc3339: text) == nil)
        #expect(MicroTime(rfc3339: text) == nil)
    }

    @Test func decodingErrorNamesTheField() {
        struct Holder: Codable {
            var renewTime: MicroTime
        }
        do {
            _ = try KubeJSON.decode(Holder.self, from: Array(#"{"renewTime":"yesterday"}"#.utf8))
            Issue.record("decoded a bad time")
        } catch {
            #expect(KubeJSON.describe(error).hasPrefix("renewTime: "))
            #expect(KubeJSON.describe(error).contains("\"yesterday\" is not an RFC 3339 time"))
        }
    }
}
