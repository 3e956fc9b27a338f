import EmbeddedCluster
import KubeAPI
import KubeTestKit
import Testing

@Suite("Bad input", .timeLimit(.minutes(2)))
struct BadInputTests {
    @Test("malformed JSON is 400 and names the problem")
    func malformedJSON() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            let reply = try await client.send(
                "POST",
                Fixtures.configMaps,
                rawBody: Array("{\"apiVersion\": \"v1\",".utf8)
            )
            #expect(reply.status == 400)
            #expect(reply.json["reason"] == "BadRequest")
            #expect(reply.json["message"]?.stringValue?.contains("line 1") == true)
        }
    }

    @Test("YAML bodies are accepted with a YAML content type")
    func yamlBody() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            let yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  enabled: \"yes\"\n"
            let reply = try await client.send(
                "POST",
                Fixtures.configMaps,
                rawBody: Array(yaml.utf8),
                contentType: "application/yaml"
            )
            #expect(reply.status == 201)
            #expect(reply.json[path: "data", "enabled"] == "yes")
        }
    }

    @Test("a kind or apiVersion that does not match the URL is 400")
    func typeMismatch() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            var wrongKind = Fixtures.configMap("k")
            wrongKind.setValue("Secret", at: ["kind"])
            let kindReply = try await client.post(Fixtures.configMaps, wrongKind)
            #expect(kindReply.status == 400)
            #expect(
                kindReply.json["message"]
                    == "the kind in the data (Secret) does not match the expected kind (ConfigMap)"
            )
            var wrongVersion = Fixtures.configMap("v")
            wrongVersion.setValue("v2", at: ["apiVersion"])
            #expect(try await client.post(Fixtures.configMaps, wrongVersion).status == 400)
        }
    }

    @Test("unknown resources are 404 with the real message")
    func unknownResource() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            let reply = try await client.get("/api/v1/namespaces/default/widgets")
            #expect(reply.status == 404)
            #expect(reply.json["message"] == "the server could not find the requested resource")
        }
    }

    @Test("names that are not DNS-1123 are 422 Invalid with a field cause")
    func invalidName() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            let reply = try await client.post(Fixtures.configMaps, Fixtures.configMap("Bad_Name"))
            #expect(reply.status == 422)
            #expect(reply.json["reason"] == "Invalid")
            let message = try #require(reply.json["message"]?.stringValue)
            #expect(
                message.hasPrefix(
                    "ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain"
                )
            )
            #expect(reply.json[path: "details", "causes"]?[0]?["field"] == "metadata.name")
        }
    }

    @Test("bodies over the request limit are 413 and objects over etcd's limit are refused; nothing is stored")
    func oversized() async throws {
        try await withEmbeddedCluster(EmbeddedClusterConfiguration(maximumBodySize: 64 * 1024)) { cluster in
            let client = await cluster.rawClient()
            let huge = Fixtures.configMap("huge", data: ["blob": String(repeating: "x", count: 100 * 1024)])
            let reply = try await client.post(Fixtures.configMaps, huge)
            #expect(reply.status == 413)
            #expect(try await client.get(Fixtures.configMaps + "/huge").status == 404)
        }
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            let huge = Fixtures.configMap("huge", data: ["blob": String(repeating: "x", count: 1_600_000)])
            let reply = try await client.post(Fixtures.configMaps, huge)
            #expect(reply.status == 413)
            #expect(reply.json["message"]?.stringValue?.contains("etcdserver: request is too large") == true)
            #expect(try await client.get(Fixtures.configMaps + "/huge").status == 404)
        }
    }

    @Test("unsupported methods are 405")
    func methodNotAllowed() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            let reply = try await client.send("PUT", Fixtures.configMaps, body: Fixtures.configMap("x"))
            #expect(reply.status == 405)
        }
    }
}
