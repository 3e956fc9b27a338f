/// Maps bearer tokens to user names, as a static token file does on a real API server.
public struct TokenAuthenticator: Sendable {
    public var tokens: [String: String]
    /// Without tokens every request is anonymous and identified by its User-Agent.
    public var allowsAnonymous: Bool

    public init(tokens: [String: String] = [:], allowsAnonymous: Bool = false) {
        self.tokens = tokens
        self.allowsAnonymous = allowsAnonymous
    }

    /// The user behind an `Authorization` header, or nil when it is missing or unknown.
    func user(authorization: String?, userAgent: String?) -> String? {
        if let authorization, authorization.hasPrefix("Bearer ") {
            let token = String(authorization.dropFirst("Bearer ".count)).trimmingSpaces()
            if let user = tokens[token] { return user }
            return nil
        }
        return allowsAnonymous ? "anonymous(\(userAgent ?? "unknown"))" : nil
    }
}
