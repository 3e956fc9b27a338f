public import KubeAPI
public import KubeClient
public import Logging
import Synchronization

/// Keeps an `ObjectCache` of one resource type in step with the API server: list, then watch from the
/// list's version, resume from the last version seen when a watch ends or breaks, and list again on
/// `410 Gone`. One informer per type is shared by everything in the process that reads that type.
///
/// Failures never stop it: they are logged, kept in `lastError` for health reporting, and retried
/// with capped exponential backoff on the injected clock.
public final class Informer<Object: KubeObject>: Sendable {
    public let cache = ObjectCache<Object>()
    public let namespace: String?
    public let labelSelector: String?

    private let client: KubeClient
    private let resyncPeriod: Duration?
    private let clock: any Clock<Duration>
    private let logger: Logger
    private let synced = ReadySignal<Void>()
    private let subscribers = Mutex<[Int: AsyncStream<InformerEvent<Object>>.Continuation]>([:])
    private let nextSubscriber = Atomic<Int>(0)
    private let failure = Mutex<KubeError?>(nil)

    /// - Parameters:
    ///   - namespace: nil watches every namespace.
    ///   - resyncPeriod: when set, every cached object is re-delivered as an update this often, so
    ///     handlers get a chance to repair anything they missed.
    public init(
        client: KubeClient,
        namespace: String? = nil,
        labelSelector: String? = nil,
        resyncPeriod: Duration? = nil,
        clock: any Clock<Duration> = ContinuousClock(),
        logger: Logger = Logger(label: "vane.informer")
    ) {
        self.client = client
        self.namespace = namespace
        self.labelSelector = labelSelector
        self.resyncPeriod = resyncPeriod
        self.clock = clock
        var logger = logger
        logger[metadataKey: LogKey.k8sResource] = "\(Object.resource.plural)"
        self.logger = logger
    }

    /// True once the first list has been loaded into the cache.
    public var hasSynced: Bool { synced.currentValue != nil }

    /// Returns once the first list has been loaded into the cache.
    public func waitUntilSynced() async throws(CancellationError) {
        try await synced.wait()
    }

    /// The failure that interrupted the last list or watch, until one succeeds again.
    public var lastError: KubeError? { failure.withLock { $0 } }

    /// A stream of changes, starting with an `added` event for every object already cached.
    /// It finishes when the subscriber stops iterating or the informer stops.
    public func events() -> AsyncStream<InformerEvent<Object>> {
        let (stream, continuation) = AsyncStream<InformerEvent<Object>>.makeStream()
        let id = nextSubscriber.add(1, ordering: .relaxed).newValue
        subscribers.withLock { subscribers in
            for object in cache.list() { continuation.yield(.added(object)) }
            subscribers[id] = continuation
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.subscribers.withLock { $0.removeValue(forKey: id) }
        }
        return stream
    }

    /// Lists and watches until the task is cancelled.
    public func run() async {
        await withDiscardingTaskGroup { group in
            if let resyncPeriod {
                group.addTask { await self.resync(every: resyncPeriod) }
            }
            await listAndWatch()
            group.cancelAll()
        }
        // Finish outside the lock: finishing runs onTermination, which takes the lock.
        let finished = subscribers.withLock { subscribers in
            defer { subscribers.removeAll() }
            return Array(subscribers.values)
        }
        for continuation in finished { continuation.finish() }
    }

    private func listAndWatch() async {
        // Waits between failed lists and watches: 100 ms doubling to 30 s.
        var backoff = Backoff(initial: .milliseconds(100), maximum: .seconds(30))
        while !Task.isCancelled {
            do {
                let list = try await client.list(Object.self, namespace: namespace, labelSelector: labelSelector)
                let changes = cache.replace(with: list.items)
                recovered()
                backoff.reset()
                publish(changes)
                synced.resolve(())
                try await watch(from: list.metadata.resourceVersion ?? "", backoff: &backoff)
                logger.info("watch history expired (410 Gone): listing again")
            } catch {
                guard !Task.isCancelled else { return }
                record(error, while: "listing")
                do { try await clock.sleep(for: backoff.next()) } catch { return }
            }
        }
    }

    /// Watches from `version`, re-watching from the last version seen whenever a stream ends or
    /// breaks. Returns when the version is too old (the caller lists again); throws when cancelled.
    private func watch(from version: String, backoff: inout Backoff) async throws {
        var version = version
        while true {
            try Task.checkCancellation()
            do {
                let stream = try await client.watch(
                    Object.self,
                    namespace: namespace,
                    resourceVersion: version,
                    labelSelector: labelSelector,
                    timeoutSeconds: 300
                )
                for try await update in stream {
                    recovered()
                    backoff.reset()
                    switch update {
                    case .added(let object), .modified(let object):
                        version = object.metadata.resourceVersion ?? version
                        if let old = cache.upsert(object) {
                            publish([.updated(old: old, new: object)])
                        } else {
                            publish([.added(object)])
                        }
                    case .deleted(let object):
                        version = object.metadata.resourceVersion ?? version
                        publish([.deleted(cache.remove(object.key) ?? object)])
                    case .bookmark(let resourceVersion):
                        version = resourceVersion
                    }
                }
            } catch let error as KubeError where error.kind == .gone {
                return
            } catch {
                if Task.isCancelled { throw CancellationError() }
                record(error, while: "watching")
                try await clock.sleep(for: backoff.next())
            }
        }
    }

    private func resync(every period: Duration) async {
        while true {
            do { try await clock.sleep(for: period) } catch { return }
            publish(cache.list().map { .updated(old: $0, new: $0) })
        }
    }

    private func publish(_ events: [InformerEvent<Object>]) {
        guard !events.isEmpty else { return }
        subscribers.withLock { subscribers in
            for continuation in subscribers.values {
                for event in events { continuation.yield(event) }
            }
        }
    }

    private func record(_ error: any Error, while activity: String) {
        let kubeError =
            error as? KubeError
            ?? KubeError(kind: .badResponse, verb: activity, target: Object.resource.plural, message: "\(error)")
        failure.withLock { $0 = kubeError }
        logger.warning(
            "\(activity) \(Object.resource.plural) failed; retrying",
            metadata: [LogKey.error: "\(kubeError)"]
        )
    }

    private func recovered() {
        let previous = failure.withLock { failure -> KubeError? in
            defer { failure = nil }
            return failure
        }
        if previous != nil { logger.info("\(Object.resource.plural) list/watch recovered") }
    }
}
