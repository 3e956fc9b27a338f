import KubeClient
import Testing

@Suite("Token bucket")
struct TokenBucketTests {
    @Test("the work queue's bucket lets a burst of 100 through, then 10 per second")
    func burstThenRate() {
        var bucket = TokenBucket(ratePerSecond: 10, burst: 100)
        let burst = (0..<100).map { _ in bucket.reserve(at: .zero) }
        #expect(burst.allSatisfy { $0 == .zero })
        #expect(bucket.reserve(at: .zero) == .milliseconds(100))
        #expect(bucket.reserve(at: .zero) == .milliseconds(200))
        // One second later ten tokens have come back; two were already promised.
        #expect(bucket.reserve(at: .seconds(1)) == .zero)
    }

    @Test("tokens come back at the rate, never more than the burst")
    func refillIsCapped() {
        var bucket = TokenBucket(ratePerSecond: 2, burst: 3)
        for _ in 0..<3 { #expect(bucket.reserve(at: .zero) == .zero) }
        #expect(bucket.reserve(at: .zero) == .milliseconds(500))
        // An hour idle refills three tokens, not 7,200.
        let later = Duration.seconds(3600)
        for _ in 0..<3 { #expect(bucket.reserve(at: later) == .zero) }
        #expect(bucket.reserve(at: later) == .milliseconds(500))
        #expect(bucket.reserve(at: later + .milliseconds(250)) == .milliseconds(750))
    }

    @Test("a rate of zero or less is no limit; a burst below one is one")
    func edges() {
        var unlimited = TokenBucket(ratePerSecond: 0, burst: 1)
        #expect((0..<1000).allSatisfy { _ in unlimited.reserve(at: .zero) == .zero })
        var single = TokenBucket(ratePerSecond: 4, burst: 0)
        #expect(single.reserve(at: .zero) == .zero)
        #expect(single.reserve(at: .zero) == .milliseconds(250))
    }
}
