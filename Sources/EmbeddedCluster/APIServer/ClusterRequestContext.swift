import Hummingbird
import NIOCore
import NIOSSL
import SwiftASN1
import X509

/// The request context of the API server: Hummingbird's basics plus the connection, so a client
/// certificate presented in the TLS handshake can authenticate the request.
struct ClusterRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = CoreRequestContextStorage(source: source)
        self.channel = source.channel
    }

    /// The common name of a verified client certificate, if the client presented one.
    func clientCertificateUser() async -> String? {
        guard let peer = try? await channel.nioSSL_peerCertificate().get(),
            let certificate = try? Certificate(derEncoded: try peer.toDERBytes())
        else { return nil }
        for relative in certificate.subject {
            for attribute in relative where attribute.type == .RDNAttributeType.commonName {
                return String(describing: attribute.value)
            }
        }
        return nil
    }
}
