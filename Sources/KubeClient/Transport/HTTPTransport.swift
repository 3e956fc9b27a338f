import AsyncHTTPClient
import KubeAPI
import NIOCore
import NIOHTTP1
import NIOSSL

/// Builds the AsyncHTTPClient a `KubeClient` owns: its own connection pool and TLS settings, so a
/// lease client never shares connections (or their queues) with the reconcilers' client.
enum HTTPTransport {
    static func makeClient(_ configuration: ClientConfiguration) throws(KubeError) -> HTTPClient {
        var tls = TLSConfiguration.makeClientConfiguration()
        do {
            if let authority = configuration.certificateAuthorityPEM {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(authority.utf8)))
            }
            if case .clientCertificate(let certificatePEM, let keyPEM) = configuration.credentials {
                tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(Array(certificatePEM.utf8)).map { .certificate($0) }
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(keyPEM.utf8), format: .pem))
            }
        } catch {
            throw KubeError(kind: .configuration, verb: "configure", target: configuration.server,
                            message: "invalid certificate or key: \(error)")
        }
        if configuration.insecureSkipTLSVerify { tls.certificateVerification = .none }
        if let name = configuration.tlsServerName, !name.isEmpty {
            throw KubeError(kind: .configuration, verb: "configure", target: configuration.server,
                            message: "tls-server-name (\(name)) is not supported yet")
        }
        var settings = HTTPClient.Configuration(tlsConfiguration: tls)
        settings.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(10))
        settings.decompression = .disabled
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: settings)
    }
}
