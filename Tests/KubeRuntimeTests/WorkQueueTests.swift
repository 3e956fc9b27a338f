import Clocks
import KubeAPI
import KubeClient
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

    @Test("each key counts its own failures; forget resets one key")
    func failureCounts() {
        let queue = WorkQueue<String>(name: "test")
        for _ in 0..<3 { queue.addRateLimited("a") }
        queue.addRateLimited("b")
        #expect(queue.failures(of: "a") == 3)
        #expect(queue.failures(of: "b") == 1)
        queue.forget("a")
        #expect(queue.failures(of: "a") == 0)
        #expect(queue.failures(of: "b") == 1)
        queue.shutDown()
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
        let queue = WorkQueue<String>(
            name: "test",
            clock: clock,
            backoff: Backoff(initial: .seconds(400), maximum: .seconds(1000))
        )
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
