public import KubeAPI

/// Every failure of a Kubernetes API call, classified so callers can react (retry, relist, report a
/// dependency) and described in one line a person can act on: the operation, the host, and why.
public struct KubeError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case notFound
        case alreadyExists
        case conflict
        /// The requested resourceVersion is no longer available: relist.
        case gone
        case tooManyRequests(retryAfter: Duration?)
        case timeout
        /// The caller gave up (its task was cancelled: leadership lost, shutdown): nothing failed.
        case cancelled
        /// The TLS handshake failed; `reason` names the certificate and the cause.
        case tls(reason: String)
        case unreachable
        case unauthorized
        case forbidden
        case invalid
        /// The response could not be understood (not JSON, truncated, a Status on a 200).
        case badResponse
        case server(code: Int)
        /// The client was configured wrongly (kubeconfig, credentials).
        case configuration
    }

    public var kind: Kind
    /// `GET`, `WATCH`, `PATCH` …
    public var verb: String
    /// The full URL, or the file for configuration errors.
    public var target: String
    public var status: Status?
    public var message: String
    /// The connection could not be opened, so the server never saw the request: safe to send again.
    var requestNotSent = false

    public init(kind: Kind, verb: String, target: String, status: Status? = nil, message: String) {
        self.kind = kind
        self.verb = verb
        self.target = target
        self.status = status
        self.message = message
    }

    /// One line however the server worded its message: line breaks become spaces and a message
    /// longer than `descriptionLimit` characters is cut (the whole of it stays in `message` and `status`).
    public var description: String {
        let line = OneLineText.from(message, limit: Self.descriptionLimit)
        return kind == .configuration ? "\(target): \(line)" : "\(verb) \(target): \(line)"
    }

    /// Enough for the longest validation message a person reads whole; HTML pages and dumps are cut.
    static let descriptionLimit = 1_000

    /// HTTP status code, when the server answered.
    public var code: Int? { status?.code }

    /// Failures that belong to something outside the object being reconciled — TLS, an unreachable
    /// server, an aggregated API or webhook that is down — so the reconciler reports the dependency
    /// instead of blaming the object.
    public var isDependencyFailure: Bool {
        switch kind {
        case .tls, .unreachable, .timeout: return true
        case .server(let code) where code == 502 || code == 503 || code == 504: return true
        case .server, .invalid, .badResponse:
            let text = (status?.message ?? message).lowercased()
            return text.contains("webhook") || text.contains("conversion") || text.contains("x509")
                || text.contains("apiservice")
        default: return false
        }
    }

    /// Classifies an error response by its status code and Status body, as client-go does.
    static func from(code: Int, status: Status?, verb: String, target: String, retryAfter: Duration?) -> KubeError {
        let kind: Kind
        switch (code, status?.reason) {
        case (404, _): kind = .notFound
        case (409, StatusReason.alreadyExists): kind = .alreadyExists
        case (409, _): kind = .conflict
        case (410, _): kind = .gone
        case (429, _): kind = .tooManyRequests(retryAfter: retryAfter)
        case (401, _): kind = .unauthorized
        case (403, _): kind = .forbidden
        case (422, _): kind = .invalid
        case (504, _), (408, _): kind = .timeout
        default: kind = .server(code: code)
        }
        let message = status?.message.flatMap { $0.isEmpty ? nil : $0 } ?? "the server answered \(code)"
        return KubeError(kind: kind, verb: verb, target: target, status: status, message: message)
    }
}
