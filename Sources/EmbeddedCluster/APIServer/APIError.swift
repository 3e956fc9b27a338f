public import KubeAPI

/// A failed API request: the HTTP status code plus the `Status` body the real API server would send.
public struct APIError: Error, Sendable, CustomStringConvertible {
    public var status: Status

    public var code: Int { status.code ?? 500 }
    public var description: String { "\(code) \(status.reason ?? ""): \(status.message ?? "")" }

    public init(code: Int, reason: String, message: String, details: StatusDetails? = nil) {
        self.status = Status(message: message, reason: reason, details: details, code: code)
    }

    static func details(_ resource: ServedResource, name: String) -> StatusDetails {
        StatusDetails(name: name, group: resource.descriptor.group, kind: resource.descriptor.plural)
    }

    static func notFound(_ resource: ServedResource, name: String) -> APIError {
        APIError(
            code: 404,
            reason: StatusReason.notFound,
            message: "\(resource.descriptor.qualifiedName) \"\(name)\" not found",
            details: details(resource, name: name)
        )
    }

    static func namespaceNotFound(_ namespace: String) -> APIError {
        APIError(
            code: 404,
            reason: StatusReason.notFound,
            message: "namespaces \"\(namespace)\" not found",
            details: StatusDetails(name: namespace, kind: "namespaces")
        )
    }

    static func alreadyExists(_ resource: ServedResource, name: String) -> APIError {
        APIError(
            code: 409,
            reason: StatusReason.alreadyExists,
            message: "\(resource.descriptor.qualifiedName) \"\(name)\" already exists",
            details: details(resource, name: name)
        )
    }

    static func conflict(_ resource: ServedResource, name: String, reason: String) -> APIError {
        APIError(
            code: 409,
            reason: StatusReason.conflict,
            message: "Operation cannot be fulfilled on \(resource.descriptor.qualifiedName) \"\(name)\": \(reason)",
            details: details(resource, name: name)
        )
    }

    static func staleResourceVersion(_ resource: ServedResource, name: String) -> APIError {
        conflict(
            resource,
            name: name,
            reason: "the object has been modified; please apply your changes to the latest version and try again"
        )
    }

    /// 422 with one cause per problem, worded like the API server's field errors.
    static func invalid(_ resource: ServedResource, name: String, causes: [StatusCause]) -> APIError {
        let summary = causes.map { "\($0.field ?? ""): \($0.message ?? "")" }.joined(separator: ", ")
        let list = causes.count > 1 ? "[\(summary)]" : summary
        return APIError(
            code: 422,
            reason: StatusReason.invalid,
            message: "\(resource.descriptor.kind) \"\(name)\" is invalid: \(list)",
            details: StatusDetails(
                name: name,
                group: resource.descriptor.group,
                kind: resource.descriptor.kind,
                causes: causes
            )
        )
    }

    static func invalidValue(field: String, value: String, detail: String) -> StatusCause {
        StatusCause(reason: "FieldValueInvalid", message: "Invalid value: \"\(value)\": \(detail)", field: field)
    }

    static func required(field: String) -> StatusCause {
        StatusCause(reason: "FieldValueRequired", message: "Required value", field: field)
    }

    static func badRequest(_ message: String) -> APIError {
        APIError(code: 400, reason: StatusReason.badRequest, message: message)
    }

    static func methodNotAllowed(
        _ message: String = "the server does not allow this method on the requested resource"
    ) -> APIError {
        APIError(code: 405, reason: StatusReason.methodNotAllowed, message: message)
    }

    static let resourceNotFound = APIError(
        code: 404,
        reason: StatusReason.notFound,
        message: "the server could not find the requested resource"
    )

    static func unsupportedMediaType(_ contentType: String) -> APIError {
        APIError(
            code: 415,
            reason: StatusReason.unsupportedMediaType,
            message:
                "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml",
            details: StatusDetails(causes: [StatusCause(reason: "UnexpectedServerResponse", message: contentType)])
        )
    }

    static func gone(_ message: String) -> APIError {
        APIError(code: 410, reason: StatusReason.expired, message: message)
    }

    static let unauthorized = APIError(code: 401, reason: StatusReason.unauthorized, message: "Unauthorized")

    static func tooLarge(_ message: String) -> APIError {
        APIError(code: 413, reason: StatusReason.requestEntityTooLarge, message: message)
    }

    static func `internal`(_ message: String) -> APIError {
        APIError(code: 500, reason: StatusReason.internalError, message: message)
    }
}
