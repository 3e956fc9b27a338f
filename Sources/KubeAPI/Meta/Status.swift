/// The API server's answer for failures and some deletions (`metav1.Status`).
///
/// Errors carry it so that messages can quote exactly what the server said.
public struct Status: Codable, Hashable, Sendable, Error {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ListMeta?
    /// `Success` or `Failure`.
    public var status: String?
    public var message: String?
    /// Machine-readable reason, e.g. `NotFound`, `Conflict`, `Invalid` (see ``StatusReason``).
    public var reason: String?
    public var details: StatusDetails?
    public var code: Int?
    public var unknownFields = UnknownFields()

    public init(
        status: String = "Failure",
        message: String? = nil,
        reason: String? = nil,
        details: StatusDetails? = nil,
        code: Int? = nil
    ) {
        self.apiVersion = "v1"
        self.kind = "Status"
        self.metadata = ListMeta()
        self.status = status
        self.message = message
        self.reason = reason
        self.details = details
        self.code = code
    }
}

public struct StatusDetails: Codable, Hashable, Sendable {
    public var name: String?
    public var group: String?
    public var kind: String?
    public var uid: String?
    public var causes: [StatusCause]?
    public var retryAfterSeconds: Int?
    public var unknownFields = UnknownFields()

    public init(
        name: String? = nil,
        group: String? = nil,
        kind: String? = nil,
        uid: String? = nil,
        causes: [StatusCause]? = nil,
        retryAfterSeconds: Int? = nil
    ) {
        self.name = name
        self.group = group
        self.kind = kind
        self.uid = uid
        self.causes = causes
        self.retryAfterSeconds = retryAfterSeconds
    }
}

public struct StatusCause: Codable, Hashable, Sendable {
    /// e.g. `FieldValueInvalid`, `FieldValueRequired`, `FieldValueDuplicate`.
    public var reason: String?
    public var message: String?
    /// The field path, e.g. `metadata.name`.
    public var field: String?
    public var unknownFields = UnknownFields()

    public init(reason: String? = nil, message: String? = nil, field: String? = nil) {
        self.reason = reason
        self.message = message
        self.field = field
    }
}

/// The `reason` values of `metav1.Status` that Vane produces or interprets.
public enum StatusReason {
    public static let badRequest = "BadRequest"
    public static let unauthorized = "Unauthorized"
    public static let forbidden = "Forbidden"
    public static let notFound = "NotFound"
    public static let alreadyExists = "AlreadyExists"
    public static let conflict = "Conflict"
    public static let gone = "Gone"
    public static let expired = "Expired"
    public static let invalid = "Invalid"
    public static let methodNotAllowed = "MethodNotAllowed"
    public static let notAcceptable = "NotAcceptable"
    public static let unsupportedMediaType = "UnsupportedMediaType"
    public static let requestEntityTooLarge = "RequestEntityTooLarge"
    public static let tooManyRequests = "TooManyRequests"
    public static let internalError = "InternalError"
    public static let serviceUnavailable = "ServiceUnavailable"
    public static let timeout = "Timeout"
}
