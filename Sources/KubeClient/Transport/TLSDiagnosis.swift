import Foundation
import KubeAPI
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS
import SwiftASN1
import X509

/// After a failed handshake, connects once more without verification to read the server's
/// certificate and say precisely what is wrong with it: expired (with the date), not yet valid,
/// issued for other names, or signed by an authority the client does not trust.
enum TLSDiagnosis {
    static func diagnose(configuration: ClientConfiguration, now: Date = Date()) async -> String? {
        guard let (host, port) = hostAndPort(configuration.server),
              let chain = try? await peerChain(host: host, port: port),
              let leaf = chain.first else { return nil }
        let subject = leaf.subject.description
        if leaf.notValidAfter < now {
            return "server certificate \"\(subject)\" expired on \(RFC3339.format(leaf.notValidAfter, fractionalDigits: 0))"
        }
        if leaf.notValidBefore > now {
            return "server certificate \"\(subject)\" is not valid before \(RFC3339.format(leaf.notValidBefore, fractionalDigits: 0))"
        }
        let names = subjectAlternativeNames(leaf)
        if !names.isEmpty, !names.contains(host) {
            return "server certificate \"\(subject)\" is valid for \(names.joined(separator: ", ")), not \(host)"
        }
        return "server certificate \"\(subject)\" is signed by an unknown authority \"\(leaf.issuer.description)\""
    }

    static func hostAndPort(_ server: String) -> (String, Int)? {
        guard let components = URLComponents(string: server), let host = components.host else { return nil }
        return (host, components.port ?? 443)
    }

    static func subjectAlternativeNames(_ certificate: Certificate) -> [String] {
        guard let names = try? certificate.extensions.subjectAlternativeNames else { return [] }
        return names.compactMap { name in
            switch name {
            case .dnsName(let dns): return dns
            case .ipAddress(let octets):
                let bytes = Array(octets.bytes)
                return bytes.count == 4 ? bytes.map(String.init).joined(separator: ".") : nil
            default: return nil
            }
        }
    }

    /// The certificates the server presents, read without verifying them.
    static func peerChain(host: String, port: Int) async throws -> [Certificate] {
        var settings = TLSConfiguration.makeClientConfiguration()
        settings.certificateVerification = .none
        let context = try NIOSSLContext(configuration: settings)
        let isAddress = host.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" }
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(5))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handler = try NIOSSLClientHandler(context: context, serverHostname: isAddress ? nil : host)
                    try channel.pipeline.syncOperations.addHandler(handler)
                    try channel.pipeline.syncOperations.addHandler(HandshakeObserver())
                }
            }
            .connect(host: host, port: port).get()
        defer { channel.close(promise: nil) }
        let observer = try await channel.pipeline.handler(type: HandshakeObserver.self).get()
        try await observer.completed.futureResult.get()
        guard let peer = try await channel.nioSSL_peerCertificate().get() else { return [] }
        return [try Certificate(derEncoded: try peer.toDERBytes())]
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
}
