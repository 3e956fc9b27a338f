import Hummingbird
import KubeAPI

extension APIServerResponder {
    /// `POST .../pods/{name}/eviction` with a `policy/v1` (or `v1beta1`) Eviction: deletes the pod if
    /// its disruption budget allows it and answers `201` with a Success Status, else `429`.
    func eviction(_ call: APICall, pods: ServedResource, namespace: String, name: String) async throws -> Response {
        guard call.request.method == .post else { throw APIError.methodNotAllowed() }
        let body = try await readObject(call.request)
        if let kind = body["kind"]?.stringValue, kind != "Eviction" {
            throw APIError.badRequest("not a Eviction object: \(kind)")
        }
        if let apiVersion = body["apiVersion"]?.stringValue, !["policy/v1", "policy/v1beta1"].contains(apiVersion) {
            throw APIError.badRequest("the API version in the data (\(apiVersion)) is not accepted for evictions")
        }
        guard body.name == name else {
            throw APIError.badRequest("name in URL does not match name in Eviction object")
        }
        let options = try DeletionOptions(body: body["deleteOptions"])
        var dryRunContext = writeContext(call)
        if body[path: "deleteOptions", "dryRun"]?.arrayValue?.contains("All") == true { dryRunContext.dryRun = true }
        let context = dryRunContext
        return try await underFaults(call, verb: "create", resource: "pods/eviction", name: name) {
            try await store.evict(pods, namespace: namespace, name: name, options: options, context: context)
            return APIResponses.json(
                ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success", "code": 201],
                status: .created
            )
        }
    }
}
