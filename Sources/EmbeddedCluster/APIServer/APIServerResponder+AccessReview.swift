import Hummingbird
import KubeAPI

extension APIServerResponder {
    /// `POST` of a SelfSubjectAccessReview: answers whether the caller may do what its
    /// `spec.resourceAttributes` name, from the access policy; nothing is stored.
    func accessReview(_ call: APICall, resource: ServedResource) async throws -> Response {
        guard call.request.method == .post else { throw APIError.methodNotAllowed() }
        var review = try await readObject(call.request)
        try Admission.checkTypeMeta(review, resource: resource)
        let attributes = review[path: "spec", "resourceAttributes"]
        let nonResource = review[path: "spec", "nonResourceAttributes"]
        guard attributes != nil || nonResource != nil else {
            throw APIError.invalid(
                resource,
                name: "",
                causes: [
                    StatusCause(
                        reason: "FieldValueRequired",
                        message:
                            "Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified",
                        field: "spec.resourceAttributes"
                    )
                ]
            )
        }
        let allowed: Bool
        if let attributes {
            allowed = await access.allows(
                user: call.identity,
                verb: attributes["verb"]?.stringValue ?? "",
                group: attributes["group"]?.stringValue ?? "",
                resource: attributes["resource"]?.stringValue ?? ""
            )
        } else {
            allowed = true
        }
        review.setValue(.string(resource.descriptor.apiVersion), at: ["apiVersion"])
        review.setValue(.string(resource.descriptor.kind), at: ["kind"])
        review.setMetadata("creationTimestamp", .null)
        review.setValue(["allowed": .bool(allowed)], at: ["status"])
        return APIResponses.json(review, status: .created)
    }

    /// Refuses a request the access policy denies, with the real authorizer's `403` wording.
    func authorize(
        _ call: APICall,
        verb: String,
        resource: ServedResource,
        namespace: String?,
        name: String?
    ) async throws {
        let d = resource.descriptor
        guard !(await access.allows(user: call.identity, verb: verb, group: d.group, resource: d.plural)) else {
            return
        }
        let subject = name.map { "\(d.qualifiedName) \"\($0)\"" } ?? d.qualifiedName
        let scope = namespace.map { "in the namespace \"\($0)\"" } ?? "at the cluster scope"
        throw APIError(
            code: 403,
            reason: StatusReason.forbidden,
            message:
                "\(subject) is forbidden: User \"\(call.identity)\" cannot \(verb) resource \"\(d.plural)\" in API group \"\(d.group)\" \(scope)",
            details: StatusDetails(name: name, group: d.group, kind: d.plural)
        )
    }
}
