import Clocks
import KubeAPI
import KubeRuntime
import Testing

@Suite("Work queue", .timeLimit(.minutes(1)))
struct WorkQueueTests {
    @Test("a key waiting in the queue is there once, however often it is added")
    func deduplicates() async {
        let queue = WorkQueue<String>(name: "test")
        for key in ["a", "b", "a", "a"] { queue.add(key) }
        #expect(queue.depth == 2)
        #expect(await queue.next() == "a")
        #expect(await queue.next() == "b")
        #expect(queue.depth == 0)
    }

    @Test("a key in flight is never handed to a second worker; an add meanwhile is delivered after done")
    func inFlightExclusion() async {
        let queue = WorkQueue<String>(name: "test")
        queue.add("a")
        #expect(await queue.next() == "a")
        queue.add("a")
        queue.add("b")
        #expect(await queue.next() == "b")
        #expect(queue.depth == 0)
        queue.done("a")
        #expect(queue.depth == 1)
        #expect(await queue.next() == "a")
    }

    @Test("per-key backoff doubles from 5 ms and stops at 1000 s; forget resets it")
    func backoffSequence() {
        var backoff = ExponentialBackoff<String>()
        let delays = (0..<20).map { _ in backoff.delay(for: "a") }
        #expect(
            Array(delays.prefix(5)) == [
                .milliseconds(5), .milliseconds(10), .milliseconds(20), .milliseconds(40), .milliseconds(80),
            ]
        )
        #expect(delays[17] == .milliseconds(655_360))
        #expect(delays[18] == .seconds(1000))
        #expect(backoff.delay(for: "b") == .milliseconds(5))
        #expect(backoff.failures(of: "a") == 20)
        backoff.forget("a")
        #expect(backoff.delay(for: "a") == .milliseconds(5))
    }

    @Test("the overall bucket lets a burst of 100 through, then 10 per second")
    func tokenBucket() {
        var bucket = TokenBucket()
        let burst = (0..<100).map { _ in bucket.reserve(at: .zero) }
        #expect(burst.allSatisfy { $0 == .zero })
        #expect(bucket.reserve(at: .zero) == .milliseconds(100))
        #expect(bucket.reserve(at: .zero) == .milliseconds(200))
        // One second later ten tokens have come back; two were already promised.
        #expect(bucket.reserve(at: .seconds(1)) == .zero)
    }

    @Test("rate-limited and delayed keys arrive when their time comes on the clock, in order")
    func delays() async throws {
        let clock = TestClock()
        let queue = WorkQueue<String>(name: "test", clock: clock)
        await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await queue.run() }
            queue.addAfter("late", delay: .seconds(30))
            queue.addRateLimited("retry")  // 5 ms
            queue.addRateLimited("retry2")  // 5 ms (its own first failure)
            #expect(queue.failures(of: "retry") == 1)
            await clock.advance(by: .milliseconds(4))
            #expect(queue.depth == 0)
            await clock.advance(by: .milliseconds(1))
            #expect(await queue.next() == "retry")
            #expect(await queue.next() == "retry2")
            await clock.advance(by: .seconds(30))
            #expect(await queue.next() == "late")
            queue.shutDown()
            group.cancelAll()
        }
    }

    @Test("a cap bounds the backoff of a key that keeps failing, so a dependency's recovery is noticed soon")
    func cappedBackoff() async throws {
        let clock = TestClock()
        // A backoff that has grown to 400 s, as after a long outage.
        let queue = WorkQueue<String>(name: "test", clock: clock, backoff: ExponentialBackoff(base: .seconds(400)))
        await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await queue.run() }
            queue.addRateLimited("dependency", cap: .seconds(30))
            queue.addRateLimited("plain")
            await clock.advance(by: .seconds(29))
            #expect(queue.depth == 0)
            await clock.advance(by: .seconds(1))
            #expect(await queue.next() == "dependency")
            #expect(queue.depth == 0)
            await clock.advance(by: .seconds(370))
            #expect(await queue.next() == "plain")
            queue.shutDown()
            group.cancelAll()
        }
    }

    @Test("shutdown wakes waiting workers with nil and refuses new keys")
    func shutdown() async {
        let queue = WorkQueue<String>(name: "test")
        async let waiting = queue.next()
        await Task.yield()
        queue.shutDown()
        #expect(await waiting == nil)
        queue.add("a")
        #expect(await queue.next() == nil)
    }
}
