import KubeAPI
public import KubeClient

/// Client failures classified for the controller: conflicts and cancellations are routine; the rest
/// are counted by kind, and dependency failures name the endpoint that failed.
extension KubeError: ClassifiedError {
    public var reason: String {
        switch kind {
        case .notFound: "not_found"
        case .alreadyExists: "already_exists"
        case .conflict: "conflict"
        case .gone: "gone"
        case .tooManyRequests: "throttled"
        case .timeout: "timeout"
        case .cancelled: "cancelled"
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

    /// Conflicts are normal under optimistic concurrency, and a cancelled call failed nothing: the
    /// key is tried again without counting an error or warning about it.
    public var isRoutine: Bool { kind == .conflict || kind == .cancelled }

    public var failingEndpoint: String? {
        guard isDependencyFailure else { return nil }
        // A webhook or aggregated API names itself (and usually its URL) in the server's message;
        // otherwise the failing endpoint is the API server itself.
        // `https://host:port` of the request's URL.
        let server = target.split(separator: "/", omittingEmptySubsequences: false).prefix(3).joined(separator: "/")
        guard let message = status?.message,
            message.contains("webhook") || message.contains("conversion") || message.contains("x509")
                || message.contains("apiservice")
        else {
            return "the API server \(server)"
        }
        let kind =
            message.contains("conversion webhook")
            ? "conversion webhook" : (message.contains("webhook") ? "webhook" : "aggregated API")
        if let url = message.firstMatch(of: /https?:\/\/[^\s"]+/) {
            return "\(kind) \(url.output)"
        }
        return "\(kind) behind \(server)"
    }
}
