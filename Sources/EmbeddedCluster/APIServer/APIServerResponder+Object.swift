import Hummingbird
import KubeAPI

extension APIServerResponder {
    /// Objects: get, update, patch, delete, and their `status` and `scale` subresources.
    func object(
        _ call: APICall,
        resource: ServedResource,
        namespace: String?,
        name: String,
        subresource: ResourceDescriptor.Subresource?
    ) async throws -> Response {
        let verb: String
        switch call.request.method {
        case .get: verb = "get"
        case .put: verb = "update"
        case .patch: verb = "patch"
        case .delete: verb = "delete"
        default: throw APIError.methodNotAllowed()
        }
        // Bodies are read before the request is held, as a server reads them before it is slow to act.
        let body: ObjectRequest
        switch call.request.method {
        case .put: body = .object(try await readObject(call.request))
        case .patch: body = .patch(try await readPatch(call.request, resource: resource))
        case .delete: body = .deletion(try await deletionOptions(call.request, query: call.query))
        default: body = .none
        }
        return try await underFaults(call, verb: verb, resource: resource.descriptor.plural, name: name) {
            try await carryOut(
                body,
                call: call,
                resource: resource,
                namespace: namespace,
                name: name,
                subresource: subresource
            )
        }
    }

    private enum ObjectRequest {
        case none
        case object(JSONValue)
        case patch(PatchDocument)
        case deletion(DeletionOptions)
    }

    private func carryOut(
        _ body: ObjectRequest,
        call: APICall,
        resource: ServedResource,
        namespace: String?,
        name: String,
        subresource: ResourceDescriptor.Subresource?
    ) async throws -> Response {
        let context = writeContext(call)
        switch (body, subresource) {
        case (.none, .scale):
            let value = try await store.getValue(resource, namespace: namespace, name: name)
            return APIResponses.json(ScaleSubresource.scale(of: value, resource: resource))
        case (.none, _):
            return APIResponses.json(try await store.get(resource, namespace: namespace, name: name))
        case (.object(let scale), .scale):
            let updated = try await store.update(
                resource,
                namespace: namespace,
                name: name,
                subresource: .scale,
                context: context
            ) { current throws(APIError) in
                try ScaleSubresource.apply(scale, to: current, resource: resource)
            }
            return try scaleResponse(updated, resource: resource)
        case (.object(let replacement), _):
            let updated = try await store.update(
                resource,
                namespace: namespace,
                name: name,
                subresource: subresource,
                context: context
            ) { _ in replacement }
            return APIResponses.json(updated)
        case (.patch(let patch), _):
            let updated = try await store.update(
                resource,
                namespace: namespace,
                name: name,
                subresource: subresource,
                verb: "patch",
                context: context
            ) { current throws(APIError) in
                if subresource == .scale {
                    let scale = try patch.apply(to: ScaleSubresource.scale(of: current, resource: resource))
                    return try ScaleSubresource.apply(scale, to: current, resource: resource)
                }
                var patched = try patch.apply(to: current)
                // A patch names no version unless it means to: keep the current one then.
                if patched.metadataString("resourceVersion") == nil {
                    patched.setMetadata("resourceVersion", current[path: "metadata", "resourceVersion"])
                }
                return patched
            }
            return subresource == .scale ? try scaleResponse(updated, resource: resource) : APIResponses.json(updated)
        case (.deletion(let options), nil):
            let deleted = try await store.delete(
                resource,
                namespace: namespace,
                name: name,
                options: options,
                context: context
            )
            return APIResponses.json(deleted)
        default:
            throw APIError.methodNotAllowed()
        }
    }

    private func scaleResponse(_ bytes: [UInt8], resource: ServedResource) throws -> Response {
        APIResponses.json(ScaleSubresource.scale(of: try JSONParser.parse(bytes), resource: resource))
    }
}
