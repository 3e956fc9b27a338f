public import KubeClient
import KubeAPI

/// Client failures classified for the controller: conflicts are routine; the rest are counted by
/// kind, and dependency failures name the endpoint that failed.
extension KubeError: ClassifiedError {
    public var reason: String {
        switch kind {
        case .notFound: "not_found"
        case .alreadyExists: "already_exists"
        case .conflict: "conflict"
        case .gone: "gone"
        case .tooManyRequests: "throttled"
        case .timeout: "timeout"
        case .tls: "tls"
        case .unreachable: "unreachable"
        case .unauthorized: "unauthorized"
        case .forbidden: "forbidden"
        case .invalid: "invalid"
        case .badResponse: "bad_response"
        case .server: isDependencyFailure ? "dependency" : "server"
        case .configuration: "configuration"
        }
    }

    public var isRoutine: Bool { kind == .conflict }

    public var failingEndpoint: String? {
        guard isDependencyFailure else { return nil }
        // A webhook or aggregated API names itself in the server's message; otherwise it is the API server.
        if let message = status?.message, message.contains("webhook") || message.contains("conversion") || message.contains("x509") {
            return message
        }
        return target.split(separator: "/").prefix(3).joined(separator: "/")
    }
}
