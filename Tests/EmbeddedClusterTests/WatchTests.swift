import EmbeddedCluster
import KubeAPI
import KubeTestKit
import Testing

@Suite("Watch", .timeLimit(.minutes(2)))
struct WatchTests {
    @Test("a watch from the list version sees ADDED, MODIFIED and DELETED in order")
    func eventsInOrder() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            let list = try await client.get(Fixtures.configMaps)
            let version = try #require(list.json[path: "metadata", "resourceVersion"]?.stringValue)
            var events = try await client.watch(Fixtures.configMaps + "?watch=true&resourceVersion=\(version)")
                .makeAsyncIterator()
            _ = try await client.post(Fixtures.configMaps, Fixtures.configMap("w"))
            _ = try await client.patch(
                Fixtures.configMaps + "/w",
                ["data": ["a": "2"]],
                type: "application/merge-patch+json"
            )
            _ = try await client.delete(Fixtures.configMaps + "/w")
            var seen: [String] = []
            for _ in 0..<3 {
                let event = try #require(try await events.next())
                seen.append(event["type"]?.stringValue ?? "")
                #expect(event[path: "object", "metadata", "name"] == "w")
            }
            #expect(seen == ["ADDED", "MODIFIED", "DELETED"])
        }
    }

    @Test("a watch without a version starts with the current objects")
    func initialState() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            _ = try await client.post(Fixtures.configMaps, Fixtures.configMap("x"))
            _ = try await client.post(Fixtures.configMaps, Fixtures.configMap("y"))
            var events = try await client.watch(Fixtures.configMaps + "?watch=1").makeAsyncIterator()
            let first = try await events.next()
            let second = try await events.next()
            #expect(first?["type"] == "ADDED" && first?[path: "object", "metadata", "name"] == "x")
            #expect(second?["type"] == "ADDED" && second?[path: "object", "metadata", "name"] == "y")
        }
    }

    @Test("after a dropped stream, a watch resumed from the last seen version misses nothing")
    func resumeAfterDrop() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            let version =
                try await client.get(Fixtures.configMaps).json[path: "metadata", "resourceVersion"]?.stringValue ?? "0"
            var events = try await client.watch(Fixtures.configMaps + "?watch=true&resourceVersion=\(version)")
                .makeAsyncIterator()
            _ = try await client.post(Fixtures.configMaps, Fixtures.configMap("before-drop"))
            let seen = try #require(try await events.next())
            let lastVersion = try #require(seen[path: "object", "metadata", "resourceVersion"]?.stringValue)

            await cluster.store.dropAllWatches()
            #expect(try await events.next() == nil)
            _ = try await client.post(Fixtures.configMaps, Fixtures.configMap("during-drop"))

            var resumed = try await client.watch(Fixtures.configMaps + "?watch=true&resourceVersion=\(lastVersion)")
                .makeAsyncIterator()
            let missed = try await resumed.next()
            #expect(missed?["type"] == "ADDED")
            #expect(missed?[path: "object", "metadata", "name"] == "during-drop")
        }
    }

    @Test("a version older than the history window gets a 410 Expired ERROR event")
    func expiredVersion() async throws {
        try await withEmbeddedCluster(EmbeddedClusterConfiguration(historyLimit: 2)) { cluster in
            let client = await cluster.rawClient()
            for index in 0..<5 { _ = try await client.post(Fixtures.configMaps, Fixtures.configMap("h\(index)")) }
            var events = try await client.watch(Fixtures.configMaps + "?watch=true&resourceVersion=2")
                .makeAsyncIterator()
            let error = try #require(try await events.next())
            #expect(error["type"] == "ERROR")
            #expect(error[path: "object", "code"] == 410)
            #expect(error[path: "object", "reason"] == "Expired")
            #expect(error[path: "object", "message"]?.stringValue?.hasPrefix("too old resource version: 2") == true)
        }
    }

    @Test("label selectors on a watch turn objects leaving the selection into DELETED")
    func selectorTransitions() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            _ = try await client.post(Fixtures.configMaps, Fixtures.configMap("s", labels: ["tier": "web"]))
            var events = try await client.watch(Fixtures.configMaps + "?watch=true&labelSelector=tier%3Dweb")
                .makeAsyncIterator()
            #expect(try await events.next()?["type"] == "ADDED")
            _ = try await client.patch(
                Fixtures.configMaps + "/s",
                ["metadata": ["labels": ["tier": "db"]]],
                type: "application/merge-patch+json"
            )
            #expect(try await events.next()?["type"] == "DELETED")
            _ = try await client.patch(
                Fixtures.configMaps + "/s",
                ["metadata": ["labels": ["tier": "web"]]],
                type: "application/merge-patch+json"
            )
            #expect(try await events.next()?["type"] == "ADDED")
        }
    }

    @Test("bookmarks carry the current version; timeoutSeconds ends the stream")
    func bookmarksAndTimeout() async throws {
        try await withEmbeddedCluster(EmbeddedClusterConfiguration(bookmarkInterval: .milliseconds(20))) { cluster in
            let client = await cluster.rawClient()
            _ = try await client.post(Fixtures.configMaps, Fixtures.configMap("b"))
            let current = await cluster.store.currentResourceVersion
            var events = try await client.watch(
                Fixtures.configMaps + "?watch=true&resourceVersion=\(current)&allowWatchBookmarks=true&timeoutSeconds=1"
            ).makeAsyncIterator()
            let bookmark = try #require(try await events.next())
            #expect(bookmark["type"] == "BOOKMARK")
            #expect(bookmark[path: "object", "metadata", "resourceVersion"] == .string(String(current)))
            #expect(bookmark[path: "object", "kind"] == "ConfigMap")
            while let event = try await events.next() { #expect(event["type"] == "BOOKMARK") }
        }
    }
}
