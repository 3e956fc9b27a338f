import FoundationEssentials

/// TLS for the embedded cluster: the authority clients trust and the certificate the server presents.
///
/// The server certificate can be replaced by an expired one or one for another host name, so client
/// error messages for those failures can be tested against a real handshake.
public struct EmbeddedClusterTLS: Sendable {
    public var authority: CertificateAuthority
    public var serverCertificate: IssuedCertificate

    public init(authority: CertificateAuthority, serverCertificate: IssuedCertificate) {
        self.authority = authority
        self.serverCertificate = serverCertificate
    }

    /// A new authority and a server certificate for localhost and 127.0.0.1, valid for a year.
    public static func generate() throws -> EmbeddedClusterTLS {
        let authority = try CertificateAuthority()
        return EmbeddedClusterTLS(authority: authority, serverCertificate: try authority.issueServerCertificate())
    }

    /// The authority's certificate as base64 PEM, for `certificate-authority-data`.
    var certificateAuthorityData: String {
        get throws { Data(try authority.root.certificatePEM.utf8).base64EncodedString() }
    }
}
