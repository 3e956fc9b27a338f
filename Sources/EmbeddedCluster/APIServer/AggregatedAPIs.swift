import HTTPTypes
import Hummingbird
import KubeAPI
import NIOCore

/// APIServices that name a backing Service: group versions an aggregator would serve from another
/// server. The embedded server has no such server to proxy to, so it only reports them: they are
/// listed in `/apis` once the APIService's status says `Available=False`, and then every request to them
/// fails with the aggregator's `503`; until then they are not served at all.
struct AggregatedAPI: Sendable {
    var groupVersion: GroupVersion
    var available: Bool

    /// The APIServices among `objects` that delegate to a Service.
    static func all(in objects: [JSONValue]) -> [AggregatedAPI] {
        objects.compactMap { service in
            guard service[path: "spec", "service"]?.objectValue != nil,
                let group = service[path: "spec", "group"]?.stringValue,
                let version = service[path: "spec", "version"]?.stringValue
            else { return nil }
            let conditions = service[path: "status", "conditions"]?.arrayValue ?? []
            let unavailable = conditions.contains { $0["type"] == "Available" && $0["status"] == "False" }
            return AggregatedAPI(groupVersion: GroupVersion(group: group, version: version), available: !unavailable)
        }
    }

    /// What the aggregator's proxy answers when the backing service is unavailable (plain text).
    static func unavailableResponse() -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(
            status: .serviceUnavailable,
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: "service unavailable\n"))
        )
    }
}

extension APIServerResponder {
    func aggregatedAPIs(_ registry: ResourceRegistry) async -> [AggregatedAPI] {
        guard let services = registry.resource(apiVersion: "apiregistration.k8s.io/v1", kind: "APIService") else {
            return []
        }
        // Only unavailable ones are listed: an available one would need a server to proxy to, and
        // kubectl refuses an empty resource list for a listed group version.
        return AggregatedAPI.all(in: await store.values(services, namespace: nil)).filter {
            !$0.available && !registry.groupVersions.contains($0.groupVersion)
        }
    }

    /// The answer for a path in a group version the server does not serve itself.
    func unserved(_ gv: GroupVersion, registry: ResourceRegistry, discovery: Bool) async throws -> Response {
        guard let api = await aggregatedAPIs(registry).first(where: { $0.groupVersion == gv }) else {
            throw APIError.resourceNotFound
        }
        guard api.available else { return AggregatedAPI.unavailableResponse() }
        guard discovery else { throw APIError.resourceNotFound }
        return APIResponses.json(
            ["kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(gv.apiVersion), "resources": []]
        )
    }
}
