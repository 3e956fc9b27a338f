/// Everything a `KubeClient` needs to talk to one API server, resolved from a kubeconfig context,
/// from the in-cluster service account, or built directly (tests).
public struct ClientConfiguration: Sendable {
    /// `https://host:port` (or `http://` for a local embedded cluster).
    public var server: String
    public var namespace: String
    public var credentials: Credentials
    /// PEM certificates to trust instead of the system roots.
    public var certificateAuthorityPEM: String?
    public var insecureSkipTLSVerify: Bool
    /// Overrides the name checked against the server certificate (and sent as SNI).
    public var tlsServerName: String?
    /// Client-side rate limit (token bucket): sustained requests per second and burst.
    public var qps: Double
    public var burst: Int
    /// Default timeout of one request (watches excepted).
    public var requestTimeout: Duration
    /// How long an exec credential plugin may run before it is stopped and the request fails.
    public var execPluginTimeout: Duration
    public var userAgent: String

    public init(
        server: String,
        namespace: String = "default",
        credentials: Credentials = .none,
        certificateAuthorityPEM: String? = nil,
        insecureSkipTLSVerify: Bool = false,
        tlsServerName: String? = nil,
        qps: Double = 40,
        burst: Int = 80,
        requestTimeout: Duration = .seconds(30),
        execPluginTimeout: Duration = .seconds(30),
        userAgent: String = "vane/0.1"
    ) {
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.namespace = namespace
        self.credentials = credentials
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.tlsServerName = tlsServerName
        self.qps = qps
        self.burst = burst
        self.requestTimeout = requestTimeout
        self.execPluginTimeout = execPluginTimeout
        self.userAgent = userAgent
    }

    /// The host and port part of `server`, for error messages.
    public var host: String {
        let afterScheme = server.split(separator: "://", maxSplits: 1).last ?? Substring(server)
        return String(afterScheme.prefix { $0 != "/" })
    }
}

/// How a client proves who it is.
public enum Credentials: Sendable {
    case none
    case token(String)
    /// A token file re-read when it changes (projected service-account tokens rotate).
    case tokenFile(String)
    /// A client certificate and key, PEM.
    case clientCertificate(certificatePEM: String, keyPEM: String)
    /// An exec credential plugin (kubelogin, aws, gke-gcloud-auth-plugin).
    case exec(Kubeconfig.ExecConfig, kubeconfigPath: String)
}
