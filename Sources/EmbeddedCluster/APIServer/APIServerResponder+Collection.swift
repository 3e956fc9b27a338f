import Hummingbird
import KubeAPI

extension APIServerResponder {
    /// Collections: list, watch, create, deletecollection.
    func collection(_ call: APICall, resource: ServedResource, namespace: String?) async throws -> Response {
        let labelSelector = try parseLabelSelector(call.query["labelSelector"])
        let fieldSelector = try FieldSelector(parsing: call.query["fieldSelector"] ?? "")
        let plural = resource.descriptor.plural
        switch call.request.method {
        case .get:
            if call.query.flag("watch") {
                let action = await faults.action(
                    verb: "watch",
                    resource: plural,
                    name: fieldSelector.pinnedName,
                    user: call.identity
                )
                if let response = try await answer(to: action, deadline: nil) { return response }
                return try await watch(
                    resource: resource,
                    namespace: namespace,
                    labelSelector: labelSelector,
                    fieldSelector: fieldSelector,
                    query: call.query,
                    fault: action
                )
            }
            return try await underFaults(call, verb: "list", resource: plural, name: fieldSelector.pinnedName) {
                let page = try await store.list(
                    resource,
                    namespace: namespace,
                    labelSelector: labelSelector,
                    fieldSelector: fieldSelector,
                    limit: try call.query.integer("limit"),
                    continueToken: call.query["continue"]
                )
                return APIResponses.list(page, resource: resource)
            }
        case .post:
            let body = try await readObject(call.request)
            return try await underFaults(call, verb: "create", resource: plural, name: body.name) {
                let created = try await store.create(
                    resource,
                    namespace: namespace,
                    object: body,
                    context: writeContext(call)
                )
                return APIResponses.json(created, status: .created)
            }
        case .delete:
            let options = try await deletionOptions(call.request, query: call.query)
            return try await underFaults(call, verb: "deletecollection", resource: plural, name: nil) {
                let deleted = try await store.deleteCollection(
                    resource,
                    namespace: namespace,
                    labelSelector: labelSelector,
                    fieldSelector: fieldSelector,
                    options: options,
                    context: writeContext(call)
                )
                let version = await store.currentResourceVersion
                return APIResponses.list(ListPage(items: deleted, resourceVersion: version), resource: resource)
            }
        default:
            throw APIError.methodNotAllowed()
        }
    }

    func parseLabelSelector(_ text: String?) throws(APIError) -> Selector {
        guard let text, !text.isEmpty else { return .everything }
        do {
            return try Selector(parsing: text)
        } catch {
            throw APIError.badRequest("unable to parse requirement: \(error.description)")
        }
    }
}
