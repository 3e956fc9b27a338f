import KubeAPI

/// What every simulated controller shares: watches whose changes map to the keys of the objects to
/// reconcile, one queue, and a reconcile that may ask to look at a key again after a delay.
struct ReconcileLoop: Sendable {
    /// One watched kind and the keys a change of it makes due (e.g. a Pod's owning ReplicaSet).
    struct Source: Sendable {
        var resource: ServedResource
        var keys: @Sendable (WatchedChange) async -> [ObjectID]
    }

    let store: ClusterStore
    let clock: any Clock<Duration>

    /// Runs until cancelled: every change is mapped to keys, and every key is reconciled in turn.
    func run(_ sources: [Source], reconcile: @escaping @Sendable (ObjectID) async -> Duration?) async throws {
        let (keys, queue) = AsyncStream<ObjectID>.makeStream()
        var watches: [WatchSubscription] = []
        for source in sources {
            watches.append(try await store.watch(source.resource, namespace: nil, resourceVersion: nil))
        }
        let clock = self.clock
        let store = self.store
        await withDiscardingTaskGroup { group in
            for (source, watch) in zip(sources, watches) {
                group.addTask {
                    for await frame in watch.frames {
                        guard let change = WatchedChange(frame: frame) else { continue }
                        for key in await source.keys(change) { queue.yield(key) }
                    }
                    queue.finish()
                }
            }
            for await key in keys {
                guard let recheck = await reconcile(key) else { continue }
                group.addTask {
                    try? await clock.sleep(for: recheck)
                    queue.yield(key)
                }
            }
            for watch in watches { await store.stopWatch(watch.id) }
            group.cancelAll()
        }
    }
}

extension WatchedChange {
    /// The key of the changed object itself, unless it was deleted.
    var ownKey: [ObjectID] {
        guard type != "DELETED", let name = object.name else { return [] }
        return [ObjectID(namespace: object.namespace ?? "", name: name)]
    }

    /// The keys of the changed object's controllers of `kind`.
    func controllerKeys(kind: String) -> [ObjectID] {
        object.ownerReferences.compactMap { owner in
            guard owner["kind"]?.stringValue == kind, owner["controller"] == true,
                let name = owner["name"]?.stringValue
            else { return nil }
            return ObjectID(namespace: object.namespace ?? "", name: name)
        }
    }
}
