import KubeAPI
import KubeTestKit
import Testing

@testable import EmbeddedCluster

/// The OpenAPI documents kubectl reads to decide what the server does itself: the protobuf writer,
/// the v2 document decoded field by field (what kubectl before 1.27 reads for `--dry-run=server`),
/// and the JSON form served for the kinds served now.
@Suite("OpenAPI documents", .timeLimit(.minutes(2)))
struct OpenAPIDocumentTests {
    /// One PATCH operation as decoded from the protobuf document.
    struct DecodedPatch {
        var extensions: [String: String] = [:]
        var pathParameters: [String] = []
        var queryParameters: [String] = []
        var responses: [String: String] = [:]
    }

    /// Values and their varints, from one byte to the ten a 64-bit value can take.
    static let varints: [(UInt64, [UInt8])] = [
        (0, [0x00]), (1, [0x01]), (127, [0x7f]), (128, [0x80, 0x01]), (300, [0xac, 0x02]),
        (16_383, [0xff, 0x7f]), (16_384, [0x80, 0x80, 0x01]), (2_097_152, [0x80, 0x80, 0x80, 0x01]),
        (UInt64.max, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]),
    ]

    @Test("varints: seven bits a byte, least significant first, as many bytes as the value needs", arguments: varints)
    func varint(value: UInt64, encoded: [UInt8]) throws {
        var writer = ProtobufWriter()
        writer.varint(value)
        #expect(writer.bytes == encoded)
        var index = 0
        #expect(try ProtobufFields.varint(writer.bytes, at: &index) == value)
        #expect(index == encoded.count)
    }

    @Test("fields: a key of field number and wire type, lengths past 127 bytes, booleans, nested and empty messages")
    func fields() throws {
        var writer = ProtobufWriter()
        let long = String(repeating: "a", count: 300)
        writer.string(3, long)
        writer.bool(20, true)
        writer.message(16) { $0.string(1, "x") }
        writer.message(9) { _ in }
        // Field 3, length-delimited; length 300 takes two bytes.
        #expect(Array(writer.bytes.prefix(3)) == [3 << 3 | 2, 0xac, 0x02])
        // Field 20, varint: the key 160 takes two bytes, then the value 1.
        #expect(Array(writer.bytes[303..<306]) == [0xa0, 0x01, 0x01])
        let fields = try ProtobufFields(writer.bytes)
        #expect(fields.numbers == [3, 20, 16, 9])
        #expect(fields.string(3) == long)
        #expect(fields.bool(20) == true)
        #expect(try fields.message(16).string(1) == "x")
        #expect(fields.payloads(9) == [[]])
    }

    /// The standard kinds and the two versions an Istio-like definition serves.
    static var registry: ResourceRegistry {
        var registry = ResourceRegistry.standard
        for served in CustomResourceDefinitions.served(by: CustomResourceFixtures.virtualService) {
            registry.add(served)
        }
        return registry
    }

    static func objectPath(_ served: ServedResource) -> String {
        let d = served.descriptor
        return d.objectPath(namespace: d.namespaced ? "{namespace}" : nil, name: "{name}")
    }

    /// gnostic's `Paths` (field numbers from its OpenAPIv2.proto), keyed by path.
    static func decodePaths(_ paths: ProtobufFields) throws -> [String: DecodedPatch] {
        #expect(paths.numbers == [2])  // path: NamedPathItem, no vendor extensions
        var decoded: [String: DecodedPatch] = [:]
        for named in try paths.messages(2) {
            let name = try #require(named.string(1))
            let item = try named.message(2)
            #expect(item.numbers == [8])  // patch only
            let operation = try item.message(8)
            #expect(operation.numbers == [8, 9, 13])  // parameters, responses, vendor_extension
            var patch = DecodedPatch()
            for parameterItem in try operation.messages(8) {
                let nonBody = try parameterItem.message(1).message(2)
                if let path = try nonBody.messages(4).first {
                    #expect(path.bool(1) == true)
                    #expect(path.string(2) == "path")
                    #expect(path.string(5) == "string")
                    patch.pathParameters.append(try #require(path.string(4)))
                } else {
                    let query = try nonBody.message(3)
                    #expect(query.string(2) == "query")
                    #expect(query.string(6) == "string")
                    #expect(query.bool(20) == true)
                    patch.queryParameters.append(try #require(query.string(4)))
                }
            }
            for code in try operation.message(9).messages(1) {
                let response = try code.message(2).message(1)
                patch.responses[try #require(code.string(1))] = response.string(1)
            }
            for named in try operation.messages(13) {
                let value = try named.message(2)
                #expect(value.numbers == [2])  // yaml only
                patch.extensions[try #require(named.string(1))] = value.string(2)
            }
            #expect(decoded[name] == nil, "\(name) appears twice")
            decoded[name] = patch
        }
        return decoded
    }

    @Test("the v2 protobuf document: a PATCH per served kind with its group-version-kind, dryRun, no definitions")
    func swaggerProtobuf() throws {
        let registry = Self.registry
        let document = try ProtobufFields(OpenAPIDocuments.swaggerProtobuf(registry))
        #expect(document.numbers == [1, 2, 8, 9])  // swagger, info, paths, definitions
        #expect(document.string(1) == "2.0")
        let info = try document.message(2)
        #expect(info.string(1) == "Kubernetes")
        #expect(info.string(2) == Discovery.kubernetesVersion)
        #expect(try document.message(9).fields.isEmpty)
        let paths = try Self.decodePaths(try document.message(8))
        #expect(paths.count == registry.resources.count)
        for served in registry.resources {
            let d = served.descriptor
            let patch = try #require(paths[Self.objectPath(served)], "\(d.qualifiedName)")
            let gvk = try YAMLDocuments.parseSingle(try #require(patch.extensions["x-kubernetes-group-version-kind"]))
            #expect(gvk == ["group": .string(d.group), "kind": .string(d.kind), "version": .string(d.version)])
            #expect(patch.extensions["x-kubernetes-action"] == "patch\n")
            #expect(patch.pathParameters == (d.namespaced ? ["namespace", "name"] : ["name"]))
            #expect(patch.queryParameters == ["dryRun", "fieldValidation"])
            #expect(patch.responses == ["200": "OK"])
        }
        let rollouts = paths["/apis/argoproj.io/v1alpha1/namespaces/{namespace}/rollouts/{name}"]
        #expect(
            rollouts?.extensions["x-kubernetes-group-version-kind"]
                == "group: \"argoproj.io\"\nkind: \"Rollout\"\nversion: \"v1alpha1\"\n"
        )
        let serviceAccounts = paths["/api/v1/namespaces/{namespace}/serviceaccounts/{name}"]
        #expect(
            serviceAccounts?.extensions["x-kubernetes-group-version-kind"]
                == "group: \"\"\nkind: \"ServiceAccount\"\nversion: \"v1\"\n"
        )
        #expect(paths["/apis/rbac.authorization.k8s.io/v1/clusterroles/{name}"]?.pathParameters == ["name"])
        for version in ["v1alpha3", "v1beta1"] {
            #expect(paths["/apis/networking.istio.io/\(version)/namespaces/{namespace}/virtualservices/{name}"] != nil)
        }
    }

    @Test("the v2 JSON document describes the same operations as the protobuf one")
    func swaggerJSON() throws {
        let registry = Self.registry
        let document = OpenAPIDocuments.swaggerJSON(registry)
        #expect(document["swagger"] == "2.0")
        #expect(document["definitions"] == .object(JSONObject()))
        let paths = try #require(document["paths"]?.objectValue)
        #expect(Set(paths.keys) == Set(registry.resources.map(Self.objectPath)))
        for served in registry.resources {
            let d = served.descriptor
            let patch = try #require(paths[Self.objectPath(served)]?["patch"])
            #expect(
                patch["x-kubernetes-group-version-kind"]
                    == ["group": .string(d.group), "kind": .string(d.kind), "version": .string(d.version)]
            )
            let parameters = patch["parameters"]?.arrayValue ?? []
            let query = parameters.filter { $0["in"] == "query" }
            #expect(query.compactMap { $0["name"]?.stringValue } == ["dryRun", "fieldValidation"])
            #expect(query.allSatisfy { $0["type"] == "string" && $0["schema"] == nil })
        }
    }

    @Test("the served v2 document follows the kinds served now: a definition's kind appears once it is applied")
    func servedFollowsDefinitions() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            let route = "/apis/networking.istio.io/v1beta1/namespaces/{namespace}/virtualservices/{name}"
            let before = try await client.get("/openapi/v2")
            #expect(before.status == 200)
            #expect(before.json[path: "paths", route] == nil)
            #expect(
                before.json[path: "paths", "/apis/argoproj.io/v1alpha1/namespaces/{namespace}/rollouts/{name}"] != nil
            )
            let created = try await client.post(
                CustomResourceFixtures.definitions,
                CustomResourceFixtures.virtualService
            )
            #expect(created.status == 201, "\(created.text)")
            let after = try await client.get("/openapi/v2")
            let patch = after.json[path: "paths", route, "patch"]
            #expect(patch?["x-kubernetes-group-version-kind"]?["kind"] == "VirtualService")
            #expect(patch?["parameters"]?.arrayValue?.contains { $0["name"] == "dryRun" } == true)
        }
    }
}
