import KubeClient
import Testing

@Suite("Backoff")
struct BackoffTests {
    @Test("the work queue's per-key backoff doubles from 5 ms and stops at 1000 s; reset starts again")
    func workQueueSequence() {
        var backoff = Backoff(initial: .milliseconds(5), maximum: .seconds(1000))
        let delays = (0..<20).map { _ in backoff.next() }
        #expect(
            Array(delays.prefix(5)) == [
                .milliseconds(5), .milliseconds(10), .milliseconds(20), .milliseconds(40), .milliseconds(80),
            ]
        )
        #expect(delays[17] == .milliseconds(655_360))
        #expect(delays[18] == .seconds(1000))
        #expect(backoff.failures == 20)
        backoff.reset()
        #expect(backoff.failures == 0)
        #expect(backoff.next() == .milliseconds(5))
    }

    @Test(
        "an informer's retries wait 100 ms doubling to 30 s, however long the streak",
        arguments: [
            (0, Duration.zero), (1, .milliseconds(100)), (2, .milliseconds(200)), (3, .milliseconds(400)),
            (9, .milliseconds(25_600)), (10, .seconds(30)), (62, .seconds(30)), (63, .seconds(30)),
            (Int.max, .seconds(30)),
        ]
    )
    func delays(failures: Int, expected: Duration) {
        let backoff = Backoff(initial: .milliseconds(100), maximum: .seconds(30))
        #expect(backoff.delay(afterFailures: failures) == expected)
    }

    @Test("a start larger than the cap waits the cap")
    func initialAboveMaximum() {
        var backoff = Backoff(initial: .seconds(400), maximum: .seconds(30))
        #expect(backoff.next() == .seconds(30))
        #expect(backoff.next() == .seconds(30))
    }
}
