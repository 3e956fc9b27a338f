import EmbeddedCluster
import KubeAPI
import KubeClient
import KubeRuntime
import KubeTestKit
import Testing

@Suite("Informers against the embedded cluster", .timeLimit(.minutes(2)))
struct InformerTests {
    func configMap(_ name: String, _ value: String = "1") -> ConfigMap {
        ConfigMap(metadata: ObjectMeta(name: name, namespace: "default"), data: ["value": value])
    }

    /// Runs an informer for the duration of `body`.
    func withInformer<T: KubeObject, R: Sendable>(
        _ cluster: EmbeddedCluster,
        _ type: T.Type,
        _ body: (Informer<T>, KubeClient) async throws -> R
    ) async throws -> R {
        try await withKubeClient(try await cluster.clientConfiguration()) { client in
            let informer = Informer<T>(client: client, namespace: "default")
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await informer.run() }
                defer { group.cancelAll() }
                return try await body(informer, client)
            }
        }
    }

    @Test("lists, syncs, then delivers adds, updates and deletes in order and keeps the cache equal")
    func listThenWatch() async throws {
        try await withEmbeddedCluster { cluster in
            try await withKubeClient(try await cluster.clientConfiguration()) { client in
                for name in ["a", "b"] { _ = try await client.create(configMap(name)) }
            }
            try await withInformer(cluster, ConfigMap.self) { informer, client in
                try await informer.waitUntilSynced()
                #expect(informer.cache.list().compactMap(\.metadata.name) == ["a", "b"])
                var events = informer.events().makeAsyncIterator()
                var replayed: [String] = []
                for _ in 0..<2 {
                    if case .added(let object)? = await events.next() { replayed.append(object.metadata.name ?? "") }
                }
                #expect(replayed.sorted() == ["a", "b"])

                _ = try await client.create(configMap("c"))
                var b = try await client.get(ConfigMap.self, name: "b")
                b.data = ["value": "2"]
                _ = try await client.update(b)
                _ = try await client.delete(ConfigMap.resource, name: "a", namespace: "default")

                var seen: [String] = []
                while seen.count < 3, let event = await events.next() {
                    switch event {
                    case .added(let object): seen.append("added \(object.metadata.name ?? "")")
                    case .updated(let old, let new):
                        seen.append(
                            "updated \(new.metadata.name ?? "") \(old.data?["value"] ?? "")→\(new.data?["value"] ?? "")"
                        )
                    case .deleted(let object): seen.append("deleted \(object.metadata.name ?? "")")
                    }
                }
                #expect(seen == ["added c", "updated b 1→2", "deleted a"])
                #expect(informer.cache.list().compactMap(\.metadata.name) == ["b", "c"])
                #expect(informer.cache.get(ObjectKey(namespace: "default", name: "b"))?.data?["value"] == "2")
            }
        }
    }

    @Test("a watch that keeps dropping resumes from the last version: nothing missed, nothing twice")
    func resumesAfterDroppedWatches() async throws {
        try await withEmbeddedCluster { cluster in
            await cluster.faults.install(
                FaultRule(verbs: ["watch"], resource: "configmaps", action: .dropWatch(afterFrames: 3))
            )
            try await withInformer(cluster, ConfigMap.self) { informer, client in
                try await informer.waitUntilSynced()
                var events = informer.events().makeAsyncIterator()
                let names = (0..<20).map { "cm-\($0)" }
                for name in names { _ = try await client.create(configMap(name)) }
                var added: [String] = []
                while added.count < names.count, let event = await events.next() {
                    if case .added(let object) = event { added.append(object.metadata.name ?? "") }
                }
                #expect(added == names)
                #expect(informer.cache.count == names.count)
            }
        }
    }

    @Test("after the watch history expires it lists again and reports what it missed, deletions included")
    func relistsOnGone() async throws {
        try await withEmbeddedCluster(EmbeddedClusterConfiguration(historyLimit: 20)) { cluster in
            try await withInformer(cluster, ConfigMap.self) { informer, client in
                _ = try await client.create(configMap("victim"))
                try await informer.waitUntilSynced()
                var events = informer.events().makeAsyncIterator()
                while let event = await events.next() {
                    if case .added(let object) = event, object.metadata.name == "victim" { break }
                }

                // Cut the informer off: its stream ends and every re-watch fails until the rule goes.
                let outage = await cluster.faults.install(
                    FaultRule(
                        verbs: ["watch"],
                        resource: "configmaps",
                        action: .error(code: 503, message: "watch unavailable")
                    )
                )
                await cluster.store.dropAllWatches()
                _ = try await client.delete(ConfigMap.resource, name: "victim", namespace: "default")
                for index in 0..<40 { _ = try await client.create(configMap("later-\(index)")) }
                await cluster.faults.remove(outage)

                var deleted = false
                while !deleted || informer.cache.count < 40, let event = await events.next() {
                    if case .deleted(let object) = event, object.metadata.name == "victim" { deleted = true }
                }
                #expect(deleted)
                #expect(informer.cache.get(ObjectKey(namespace: "default", name: "victim")) == nil)
                #expect(informer.cache.count == 40)
                #expect(informer.lastError == nil)
            }
        }
    }

    @Test("the cache indexes objects by controlling owner")
    func ownerIndex() async throws {
        try await withEmbeddedCluster { cluster in
            try await withInformer(cluster, ConfigMap.self) { informer, client in
                let owner = try await client.create(configMap("owner"))
                let reference = OwnerReference(
                    apiVersion: "v1",
                    kind: "ConfigMap",
                    name: "owner",
                    uid: owner.metadata.uid ?? "",
                    controller: true
                )
                var owned = configMap("owned")
                owned.metadata.ownerReferences = [reference]
                _ = try await client.create(owned)
                _ = try await client.create(configMap("unrelated"))
                try await informer.waitUntilSynced()
                var events = informer.events().makeAsyncIterator()
                var count = 0
                while count < 3, await events.next() != nil { count += 1 }
                #expect(
                    informer.cache.list(controlledBy: owner.metadata.uid ?? "").compactMap(\.metadata.name) == ["owned"]
                )
            }
        }
    }
}
