import EmbeddedCluster
import Foundation
import KubeAPI
import KubeClient
import KubeTestKit
import Testing

/// A client for the cluster's administrator, over HTTP or HTTPS as the cluster serves.
func adminConfiguration(
    _ cluster: EmbeddedCluster,
    requestTimeout: Duration = .seconds(10)
) async throws -> ClientConfiguration {
    try await cluster.clientConfiguration(requestTimeout: requestTimeout)
}

let configMaps = ConfigMap.resource
let replicaSets = ResourceDescriptor(
    group: "apps",
    version: "v1",
    kind: "ReplicaSet",
    plural: "replicasets",
    subresources: [.status, .scale]
)

func replicaSet(_ name: String, replicas: Int = 2) -> JSONValue {
    [
        "apiVersion": "apps/v1", "kind": "ReplicaSet",
        "metadata": ["name": .string(name)],
        "spec": [
            "replicas": .number(JSONNumber(replicas)),
            "selector": ["matchLabels": ["app": .string(name)]],
            "template": [
                "metadata": ["labels": ["app": .string(name)]],
                "spec": ["containers": [["name": "c", "image": "nginx:1.25"]]],
            ],
            "fieldFromTheFuture": ["kept": true],
        ],
    ]
}

@Suite("Client verbs against the embedded cluster", .timeLimit(.minutes(2)))
struct ClientVerbTests {
    @Test("typed create, get, list (paginated), update, and a stale update is a conflict")
    func typedVerbs() async throws {
        try await withEmbeddedCluster { cluster in
            try await withKubeClient(try await adminConfiguration(cluster)) { client in
                for index in 0..<5 {
                    _ = try await client.create(
                        ConfigMap(
                            metadata: ObjectMeta(name: "cm-\(index)", labels: ["set": "a"]),
                            data: ["i": "\(index)"]
                        )
                    )
                }
                var fetched = try await client.get(ConfigMap.self, name: "cm-2")
                #expect(fetched.data == ["i": "2"])
                #expect(fetched.metadata.namespace == "default")

                let page = try await client.listPage(configMaps, namespace: "default", limit: 2)
                #expect(page["items"]?.arrayValue?.count == 2)
                let all = try await client.list(ConfigMap.self, namespace: "default", labelSelector: "set=a")
                #expect(all.items.map { $0.metadata.name } == (0..<5).map { "cm-\($0)" })

                let stale = fetched
                fetched.data = ["i": "changed"]
                let updated = try await client.update(fetched)
                #expect(updated.data == ["i": "changed"])
                do {
                    _ = try await client.update(stale)
                    Issue.record("a stale update must fail")
                } catch let error as KubeError {
                    #expect(error.kind == .conflict)
                    #expect(
                        error.description.contains(
                            "PUT \(await cluster.serverURL())/api/v1/namespaces/default/configmaps/cm-2"
                        )
                    )
                    #expect(error.description.contains("the object has been modified"))
                }
            }
        }
    }

    @Test("patches, status and scale subresources, dry run, and unknown fields survive")
    func patchesAndSubresources() async throws {
        try await withEmbeddedCluster { cluster in
            try await withKubeClient(try await adminConfiguration(cluster)) { client in
                _ = try await client.create(replicaSets, replicaSet("web"))
                let merged = try await client.patch(
                    replicaSets,
                    name: "web",
                    patch: ["metadata": ["labels": ["team": "a"]]],
                    type: .merge
                )
                #expect(merged[path: "metadata", "labels", "team"] == "a")
                let jsonPatched = try await client.patch(
                    replicaSets,
                    name: "web",
                    patch: [["op": "replace", "path": "/spec/replicas", "value": 3]],
                    type: .json
                )
                #expect(jsonPatched[path: "spec", "replicas"] == 3)
                let strategic = try await client.patch(
                    replicaSets,
                    name: "web",
                    patch: ["spec": ["template": ["spec": ["containers": [["name": "c", "image": "nginx:1.26"]]]]]],
                    type: .strategic
                )
                #expect(strategic[path: "spec", "template", "spec", "containers"]?[0]?["image"] == "nginx:1.26")
                #expect(strategic[path: "spec", "fieldFromTheFuture", "kept"] == true)

                var withStatus = strategic
                withStatus.setValue(["replicas": 3, "readyReplicas": 1], at: ["status"])
                let statusWritten = try await client.update(replicaSets, withStatus, subresource: .status)
                #expect(statusWritten[path: "status", "readyReplicas"] == 1)

                let scaled = try await client.scale(replicaSets, name: "web", replicas: 5)
                #expect(scaled[path: "spec", "replicas"] == 5)
                #expect(try await client.getScale(replicaSets, name: "web")[path: "status", "selector"] == "app=web")

                _ = try await client.create(replicaSets, replicaSet("dry"), dryRun: true)
                do {
                    _ = try await client.get(replicaSets, name: "dry")
                    Issue.record("a dry-run create must not store")
                } catch let error as KubeError {
                    #expect(error.kind == .notFound)
                    #expect(error.message == "replicasets.apps \"dry\" not found")
                }
            }
        }
    }

    @Test("delete honours preconditions and propagation")
    func deletion() async throws {
        try await withEmbeddedCluster { cluster in
            try await withKubeClient(try await adminConfiguration(cluster)) { client in
                let owner = try await client.create(replicaSets, replicaSet("owner"))
                var child = try KubeJSON.encodeValue(ConfigMap(metadata: ObjectMeta(name: "child")))
                child.setValue(
                    [
                        [
                            "apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "owner",
                            "uid": owner[path: "metadata", "uid"] ?? "", "controller": true,
                        ]
                    ],
                    at: ["metadata", "ownerReferences"]
                )
                _ = try await client.create(configMaps, child)
                do {
                    try await client.delete(replicaSets, name: "owner", preconditionUID: "other")
                    Issue.record("a failed precondition must not delete")
                } catch let error as KubeError {
                    #expect(error.kind == .conflict)
                }
                try await client.delete(replicaSets, name: "owner", propagation: .orphan)
                let orphan = try await client.get(ConfigMap.self, name: "child")
                #expect(orphan.metadata.ownerReferences == nil)
            }
        }
    }

    @Test("watch delivers typed updates and bookmarks, and resumes from a version")
    func watch() async throws {
        let configuration = EmbeddedClusterConfiguration(bookmarkInterval: .milliseconds(50))
        try await withEmbeddedCluster(configuration) { cluster in
            try await withKubeClient(try await adminConfiguration(cluster)) { client in
                let list = try await client.list(ConfigMap.self, namespace: "default")
                let version = try #require(list.metadata.resourceVersion)
                var updates = try await client.watch(ConfigMap.self, namespace: "default", resourceVersion: version)
                    .makeAsyncIterator()
                _ = try await client.create(ConfigMap(metadata: ObjectMeta(name: "w"), data: ["a": "1"]))
                var sawAdded = false
                var bookmark: String?
                while !sawAdded || bookmark == nil, let update = try await updates.next() {
                    switch update {
                    case .added(let object): sawAdded = object.metadata.name == "w"
                    case .bookmark(let resourceVersion) where sawAdded: bookmark = resourceVersion
                    default: break
                    }
                }
                let resumeFrom = try #require(bookmark)
                _ = try await client.patch(ConfigMap.self, name: "w", patch: ["data": ["a": "2"]], type: .merge)
                var resumed = try await client.watch(
                    ConfigMap.self,
                    namespace: "default",
                    resourceVersion: resumeFrom,
                    allowBookmarks: false
                ).makeAsyncIterator()
                let next = try await resumed.next()
                guard case .modified(let object)? = next else {
                    Issue.record("expected MODIFIED, got \(String(describing: next))")
                    return
                }
                #expect(object.data == ["a": "2"])
            }
        }
    }

    @Test("a watch from a version older than the history is a typed gone error")
    func watchGone() async throws {
        try await withEmbeddedCluster(EmbeddedClusterConfiguration(historyLimit: 2)) { cluster in
            try await withKubeClient(try await adminConfiguration(cluster)) { client in
                for index in 0..<5 { _ = try await client.create(ConfigMap(metadata: ObjectMeta(name: "g\(index)"))) }
                var updates = try await client.watch(configMaps, namespace: "default", resourceVersion: "3")
                    .makeAsyncIterator()
                do {
                    _ = try await updates.next()
                    Issue.record("expected gone")
                } catch let error as KubeError {
                    #expect(error.kind == .gone)
                    #expect(error.message.hasPrefix("too old resource version: 3"))
                }
            }
        }
    }
}
