import AsyncHTTPClient
import KubeAPI
import NIOCore
import NIOHTTP1
import NIOSSL

/// Builds the AsyncHTTPClient a `KubeClient` owns: its own connection pool and TLS settings, so a
/// lease client never shares connections (or their queues) with the reconcilers' client.
enum HTTPTransport {
    static func makeClient(
        _ configuration: ClientConfiguration,
        serverName: TLSServerName?
    ) throws(KubeError) -> HTTPClient {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let authority = configuration.certificateAuthorityPEM {
            tls.trustRoots = .certificates(
                try certificates(authority, what: "the certificate authority", configuration)
            )
        }
        if case .clientCertificate(let certificatePEM, let keyPEM) = configuration.credentials {
            tls.certificateChain = try certificates(certificatePEM, what: "the client certificate", configuration).map {
                .certificate($0)
            }
            do {
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(keyPEM.utf8), format: .pem))
            } catch {
                throw KubeError(
                    kind: .configuration,
                    verb: "configure",
                    target: configuration.server,
                    message: "the client key is not a PEM private key: \(error)"
                )
            }
        }
        if configuration.insecureSkipTLSVerify { tls.certificateVerification = .none }
        // Closing a connection (at shutdown, with a watch still streaming) waits this long at most for
        // the server's close_notify, not NIOSSL's 5 s default: a client that closes has nothing left to read.
        tls.shutdownTimeout = .milliseconds(500)
        var settings = HTTPClient.Configuration(tlsConfiguration: tls)
        settings.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(10))
        settings.decompression = .disabled
        // AsyncHTTPClient would retry a failed connection until the request's deadline, so a refused
        // certificate surfaced only after the whole timeout. `KubeClient.send` retries connection
        // failures itself (any verb: nothing was sent) and reports a TLS failure at once.
        settings.connectionPool.retryConnectionEstablishment = false
        if let serverName { settings.dnsOverride = serverName.dnsOverride }
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: settings)
    }

    /// The certificates in a PEM bundle; an empty or unreadable bundle is a configuration error naming `what`.
    private static func certificates(
        _ pem: String,
        what: String,
        _ configuration: ClientConfiguration
    ) throws(KubeError) -> [NIOSSLCertificate] {
        let parsed: [NIOSSLCertificate]
        do {
            parsed = try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8))
        } catch {
            throw KubeError(
                kind: .configuration,
                verb: "configure",
                target: configuration.server,
                message: "\(what) is not valid PEM: \(error)"
            )
        }
        guard !parsed.isEmpty else {
            throw KubeError(
                kind: .configuration,
                verb: "configure",
                target: configuration.server,
                message: "\(what) holds no PEM certificate"
            )
        }
        return parsed
    }
}
