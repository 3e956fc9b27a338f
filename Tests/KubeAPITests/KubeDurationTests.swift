import KubeAPI
import Testing

@Suite struct KubeDurationTests {
    @Test(arguments: [
        ("0", Duration.zero),
        ("60", .seconds(60)),
        ("30s", .seconds(30)),
        ("300ms", .milliseconds(300)),
        ("1h30m", .seconds(5400)),
        ("1.5h", .seconds(5400)),
        ("2m0.5s", .milliseconds(120_500)),
        ("1h1m1s1ms1us1ns", .nanoseconds(3_661_001_001_001)),
        ("1µs", .microseconds(1)),
        (".5s", .milliseconds(500)),
        ("1.s", .seconds(1)),
        ("+5s", .seconds(5)),
        ("0s", .zero),
        ("1.0000000001s", .seconds(1)),
    ])
    func parses(text: String, expected: Duration) throws {
        let duration = try KubeDuration(parsing: text)
        #expect(duration.duration == expected)
        #expect(duration.description == text)
    }

    @Test(arguments: [
        ("", "is empty"),
        ("-1s", "must not be negative"),
        ("s", "expected a number"),
        ("1", ""),
        ("1x", "unknown unit \"x\""),
        ("1.5", "missing unit"),
        ("10s5", "missing unit"),
        ("1 s", "unknown unit \" s\""),
        ("99999999999999999999s", "is too large"),
        ("3000000h", "is too large"),
        ("+", "has no number"),
    ])
    func rejects(text: String, phrase: String) {
        if phrase.isEmpty {
            #expect((try? KubeDuration(parsing: text)) != nil)
            return
        }
        do {
            let duration = try KubeDuration(parsing: text)
            Issue.record("parsed \(text) as \(duration.duration)")
        } catch {
            #expect(error.description.hasPrefix("invalid duration \"\(text)\": "))
            #expect(error.description.contains(phrase), "\(error.description)")
        }
    }

    @Test func decodesEitherFormAndRemembersTheText() throws {
        struct Step: Decodable {
            var duration: KubeDuration
        }
        for (text, written) in [
            (#"{"duration":60}"#, "60"), (#"{"duration":"60"}"#, "60"), (#"{"duration":"1h30m"}"#, "1h30m"),
            (#"{"duration":"1.5s"}"#, "1.5s"),
        ] {
            let step = try KubeJSON.decode(Step.self, from: Array(text.utf8))
            #expect(step.duration.description == written)
        }
        let a = try KubeJSON.decode(Step.self, from: Array(#"{"duration":90}"#.utf8))
        let b = try KubeJSON.decode(Step.self, from: Array(#"{"duration":"1m30s"}"#.utf8))
        #expect(a.duration == b.duration)
        #expect(a.duration.nanoseconds == 90_000_000_000)
    }

    @Test func decodingErrorsNameTheField() {
        struct Step: Decodable {
            var duration: KubeDuration
        }
        let cases: [(String, String)] = [
            (#"{"duration":"5y"}"#, #"invalid duration "5y": unknown unit "y""#),
            (#"{"duration":-1}"#, #"invalid duration "-1": must not be negative"#),
            (#"{"duration":true}"#, "expected a duration string"),
            (#"{"duration":1.5}"#, "expected a duration string"),
        ]
        for (input, phrase) in cases {
            do {
                _ = try KubeJSON.decode(Step.self, from: Array(input.utf8))
                Issue.record("decoded \(input)")
            } catch {
                let message = KubeJSON.describe(error)
                #expect(message.hasPrefix("duration: "), "\(message)")
                #expect(message.contains(phrase), "\(message)")
            }
        }
    }

    @Test(arguments: [
        (Duration.zero, "0s"), (.nanoseconds(5), "5ns"), (.microseconds(1500), "1.5ms"), (.nanoseconds(1500), "1.5µs"),
        (.milliseconds(300), "300ms"), (.seconds(1), "1s"), (.milliseconds(1500), "1.5s"), (.seconds(90), "1m30s"),
        (.seconds(5400), "1h30m0s"), (.seconds(3600), "1h0m0s"), (.milliseconds(60_001), "1m0.001s"),
    ])
    func rendersLikeGo(duration: Duration, text: String) throws {
        let value = KubeDuration(duration)
        #expect(value.description == text)
        #expect(try KubeDuration(parsing: text).duration == duration)
    }
}
