import EmbeddedCluster
import KubeAPI
import KubeTestKit
import Testing

@Suite("Discovery", .timeLimit(.minutes(2)))
struct DiscoveryTests {
    @Test("version, groups and resource lists describe every served kind")
    func discoveryDocuments() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            let version = try await client.get("/version")
            #expect(version.status == 200)
            #expect(version.json["major"] == "1")

            let core = try await client.get("/api")
            #expect(core.json["versions"] == ["v1"])

            let groups =
                try await client.get("/apis").json["groups"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            #expect(groups.contains("apps"))
            #expect(groups.contains("argoproj.io"))
            #expect(groups.contains("coordination.k8s.io"))

            let apps = try await client.get("/apis/apps/v1").json["resources"]?.arrayValue ?? []
            let names = apps.compactMap { $0["name"]?.stringValue }
            #expect(names.contains("replicasets"))
            #expect(names.contains("replicasets/scale"))
            #expect(names.contains("replicasets/status"))
            let rs = apps.first { $0["name"] == "replicasets" }
            #expect(rs?["shortNames"] == ["rs"])
            #expect(rs?["namespaced"] == true)

            let argo = try await client.get("/apis/argoproj.io/v1alpha1").json["resources"]?.arrayValue ?? []
            #expect(argo.contains { $0["name"] == "rollouts" && $0["shortNames"] == ["ro"] })
            #expect(argo.contains { $0["name"] == "clusteranalysistemplates" && $0["namespaced"] == false })

            let missing = try await client.get("/apis/nope.example.com/v1")
            #expect(missing.status == 404)
            #expect(missing.json["message"] == "the server could not find the requested resource")
        }
    }

    @Test("requests without a known bearer token get 401 Unauthorized")
    func authentication() async throws {
        try await withEmbeddedCluster { cluster in
            let anonymous = RawAPIClient(baseURL: await cluster.serverURL(), token: nil)
            let reply = try await anonymous.get("/api/v1/namespaces")
            #expect(reply.status == 401)
            #expect(reply.json["reason"] == "Unauthorized")
            let wrong = RawAPIClient(baseURL: await cluster.serverURL(), token: "wrong")
            #expect(try await wrong.get("/api/v1/namespaces").status == 401)
        }
    }
}
