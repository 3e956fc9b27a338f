import Foundation
import KubeAPI
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS
import SwiftASN1
import X509

/// After a failed handshake, says precisely which certificate failed and why.
///
/// When the server ended the handshake with an alert, it refused the client certificate: the reason
/// names that certificate (and its expiry, when that is why). Otherwise the client connects once more
/// without verification to read the server's certificate and checks what its verifier would have:
/// expired (with the date), not yet valid, issued for other names, or signed by an authority the
/// client does not trust. Nil when nothing explains the failure better than the TLS library's error.
enum TLSDiagnosis {
    static func diagnose(error: any Error, configuration: ClientConfiguration, now: Date = Date()) async -> String? {
        let text = "\(error)"
        if let alert = receivedAlert(in: text) {
            let aboutCertificate = certificateAlerts.contains(alert)
            return
                (aboutCertificate
                ? clientCertificateRejection(alert: alert, configuration: configuration, now: now) : nil)
                ?? "the server ended the handshake with the alert \"\(alert)\""
        }
        guard let parts = ServerURLParts(configuration.server),
            let leaf = try? await peerCertificate(
                host: parts.host,
                port: parts.port ?? 443,
                serverName: expectedName(configuration)
            )
        else { return nil }
        return serverCertificateProblem(
            leaf,
            expectedName: expectedName(configuration),
            chainRejected: text.contains("CERTIFICATE_VERIFY_FAILED"),
            configuration: configuration,
            now: now
        )
    }

    /// The name the server certificate must carry: the kubeconfig's `tls-server-name`, else the server's host.
    static func expectedName(_ configuration: ClientConfiguration) -> String {
        if let name = configuration.tlsServerName, !name.isEmpty { return name }
        return ServerURLParts(configuration.server)?.host ?? configuration.host
    }

    /// `chainRejected`: the verifier refused the chain (rather than the name), so a leaf that is in date
    /// and names the server was not signed by a trusted authority.
    static func serverCertificateProblem(
        _ leaf: Certificate,
        expectedName: String,
        chainRejected: Bool,
        configuration: ClientConfiguration,
        now: Date
    ) -> String? {
        let subject = leaf.subject.description
        if leaf.notValidAfter < now {
            return
                "server certificate \"\(subject)\" expired on \(RFC3339.format(leaf.notValidAfter, fractionalDigits: 0))"
        }
        if leaf.notValidBefore > now {
            return
                "server certificate \"\(subject)\" is not valid before \(RFC3339.format(leaf.notValidBefore, fractionalDigits: 0))"
        }
        let names = subjectAlternativeNames(leaf)
        if !names.contains(where: { matches(pattern: $0, name: expectedName) }) {
            let valid =
                names.isEmpty ? "has no subject alternative names" : "is valid for \(names.joined(separator: ", "))"
            return "server certificate \"\(subject)\" \(valid), not \(expectedName)"
        }
        guard chainRejected, !configuration.insecureSkipTLSVerify else { return nil }
        guard let authorityPEM = configuration.certificateAuthorityPEM else {
            return "server certificate \"\(subject)\" is signed by \"\(leaf.issuer.description)\", "
                + "which the system trust store does not hold"
        }
        let authorities =
            (try? PEMDocument.parseMultiple(pemString: authorityPEM).compactMap { try? Certificate(pemDocument: $0) })
            ?? []
        let signedByTrusted = authorities.contains { authority in
            authority.subject == leaf.issuer && authority.publicKey.isValidSignature(leaf.signature, for: leaf)
        }
        // Signed by a trusted authority yet refused: an intermediate or a usage problem the verifier's
        // own error describes better.
        guard !signedByTrusted else { return nil }
        return "server certificate \"\(subject)\" is signed by an unknown authority \"\(leaf.issuer.description)\""
    }

    /// When the server refused the client's certificate, which one and, if it can tell, why.
    static func clientCertificateRejection(alert: String, configuration: ClientConfiguration, now: Date) -> String? {
        guard case .clientCertificate(let certificatePEM, _) = configuration.credentials,
            let certificate = try? Certificate(pemEncoded: certificatePEM)
        else { return nil }
        let subject = certificate.subject.description
        if certificate.notValidAfter < now {
            return
                "client certificate \"\(subject)\" expired on \(RFC3339.format(certificate.notValidAfter, fractionalDigits: 0))"
        }
        let issuer = certificate.issuer.description
        return "the server rejected the client certificate \"\(subject)\" issued by \"\(issuer)\" (alert \"\(alert)\")"
    }

    /// Alerts a server sends about the certificate a client presented (RFC 8446 §6.2).
    static let certificateAlerts: Set<String> = [
        "bad certificate", "unsupported certificate", "certificate revoked", "certificate expired",
        "certificate unknown",
        "unknown ca", "certificate required",
    ]

    /// The alert the peer sent, in words (`unknown ca`), from BoringSSL's `…_ALERT_UNKNOWN_CA` reason.
    static func receivedAlert(in text: String) -> String? {
        guard let match = text.firstMatch(of: /(?:SSLV3|TLSV1)_ALERT_([A-Z_]+)/) else { return nil }
        return match.1.lowercased().replacing("_", with: " ")
    }

    /// RFC 6125 matching, as the verifier does it: case-insensitive, and a `*` only as the whole
    /// left-most label of a DNS name.
    static func matches(pattern: String, name: String) -> Bool {
        let pattern = pattern.lowercased()
        let name = name.lowercased()
        if pattern == name { return true }
        guard pattern.hasPrefix("*."), let dot = name.firstIndex(of: ".") else { return false }
        return name[dot...] == pattern.dropFirst() && name[..<dot].isEmpty == false
    }

    static func subjectAlternativeNames(_ certificate: Certificate) -> [String] {
        guard let names = try? certificate.extensions.subjectAlternativeNames else { return [] }
        return names.compactMap { name in
            switch name {
            case .dnsName(let dns): return dns
            case .ipAddress(let octets):
                let bytes = Array(octets.bytes)
                if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
                guard bytes.count == 16 else { return nil }
                return stride(from: 0, to: 16, by: 2).map {
                    String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16)
                }
                .joined(separator: ":")
            default: return nil
            }
        }
    }

    /// The certificate the server presents to `serverName`, read without verifying it.
    static func peerCertificate(host: String, port: Int, serverName: String) async throws -> Certificate? {
        var settings = TLSConfiguration.makeClientConfiguration()
        settings.certificateVerification = .none
        let context = try NIOSSLContext(configuration: settings)
        let sni = ServerURLParts.isIPAddress(serverName) ? nil : serverName
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(5))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handler = try NIOSSLClientHandler(context: context, serverHostname: sni)
                    try channel.pipeline.syncOperations.addHandler(handler)
                    try channel.pipeline.syncOperations.addHandler(HandshakeObserver())
                }
            }
            .connect(host: host, port: port).get()
        defer { channel.close(promise: nil) }
        let observer = try await channel.pipeline.handler(type: HandshakeObserver.self).get()
        try await observer.completed.futureResult.get()
        guard let peer = try await channel.nioSSL_peerCertificate().get() else { return nil }
        return try Certificate(derEncoded: try peer.toDERBytes())
    }
}

/// Completes when the TLS handshake has finished.
private final class HandshakeObserver: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = Any
    var completed: EventLoopPromise<Void>!

    func handlerAdded(context: ChannelHandlerContext) {
        completed = context.eventLoop.makePromise()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event { completed.succeed(()) }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        completed.fail(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        completed.fail(ChannelError.eof)
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        completed.fail(ChannelError.ioOnClosedChannel)
    }
}
