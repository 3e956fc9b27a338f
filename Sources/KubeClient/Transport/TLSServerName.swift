/// A kubeconfig cluster's `tls-server-name`, applied as client-go applies it: the TCP connection goes to the
/// `server` URL's host, while SNI and the certificate's name check use `tls-server-name`.
///
/// AsyncHTTPClient checks the certificate against the host of the request URL, and its `dnsOverride` maps a
/// host name to the address the connection is opened to. So requests are addressed to the override
/// (`https://kubernetes.internal:6443/api/…`), `dnsOverride` sends the connection to the real host, and the
/// `Host` header is set back to the real server's authority, which is what Go's client sends. Only the wire URL
/// changes: every error still names `server`.
struct TLSServerName: Sendable, Hashable {
    /// The name checked against the certificate and sent as SNI.
    let name: String
    /// `https://host:port` plus any path prefix, as configured; what error messages name.
    let server: String
    /// `server` with `name` in place of its host: where requests are addressed.
    let requestBase: String
    /// The configured host (no brackets around IPv6), which `name` is mapped to.
    let connectHost: String
    /// The configured `host:port`, sent as the `Host` header.
    let hostHeader: String

    /// The override for `configuration`, or nil when none applies: no `tls-server-name`, one equal to the
    /// server's host, or a plain-HTTP server (there is no TLS to name).
    static func resolve(_ configuration: ClientConfiguration) throws(KubeError) -> TLSServerName? {
        guard let name = configuration.tlsServerName, !name.isEmpty else { return nil }
        guard let parts = ServerURLParts(configuration.server) else {
            throw KubeError(
                kind: .configuration,
                verb: "configure",
                target: configuration.server,
                message: "tls-server-name (\(name)) needs a server URL of the form https://host[:port]"
            )
        }
        guard parts.scheme == "https", name != parts.host else { return nil }
        if ServerURLParts.isIPAddress(name) {
            throw KubeError(
                kind: .configuration,
                verb: "configure",
                target: configuration.server,
                message: """
                    tls-server-name (\(name)) is an IP address; only a DNS name can be sent as SNI and checked in place of \
                    \(parts.host), so use a DNS name from the server certificate
                    """
            )
        }
        guard
            !name.contains(where: { $0 == "/" || $0 == ":" || $0 == "@" || $0 == "?" || $0 == "#" || $0.isWhitespace })
        else {
            throw KubeError(
                kind: .configuration,
                verb: "configure",
                target: configuration.server,
                message: "tls-server-name (\(name)) is not a host name"
            )
        }
        let port = parts.port.map { ":\($0)" } ?? ""
        return TLSServerName(
            name: name,
            server: configuration.server,
            requestBase: "https://\(name)\(port)\(parts.path)",
            connectHost: parts.host,
            hostHeader: parts.authority
        )
    }

    /// The URL a request for `url` (which starts with `server`) is sent to.
    func requestURL(for url: String) -> String {
        guard url.hasPrefix(server) else { return url }
        return requestBase + url.dropFirst(server.count)
    }

    /// AsyncHTTPClient's `dnsOverride` entry: the name resolves to the configured host.
    var dnsOverride: [String: String] { [name: connectHost] }
}
