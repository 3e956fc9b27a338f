public import Crypto
public import FoundationEssentials
import SwiftASN1
public import X509

/// A certificate and its private key, in the PEM form kubeconfigs and TLS libraries take.
public struct IssuedCertificate: Sendable {
    public var certificate: Certificate
    public var privateKey: P256.Signing.PrivateKey

    public var certificatePEM: String {
        get throws { try certificate.serializeAsPEM().pemString }
    }

    public var privateKeyPEM: String { privateKey.pemRepresentation }
}

/// A throw-away certificate authority for the embedded cluster: it signs the server certificate
/// (optionally expired or for the wrong host, so clients' error messages can be tested) and client
/// certificates whose common name becomes the user name.
public struct CertificateAuthority: Sendable {
    public let root: IssuedCertificate

    public init(commonName: String = "vane-embedded-ca", now: Date = Date()) throws {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName { CommonName(commonName) }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: now.addingTimeInterval(-3600),
            notValidAfter: now.addingTimeInterval(10 * 365 * 86_400),
            issuer: name,
            subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: Certificate.PrivateKey(key)
        )
        self.root = IssuedCertificate(certificate: certificate, privateKey: key)
    }

    /// A server certificate for `dnsNames` and `ipAddresses` (IPv4 dotted quads).
    public func issueServerCertificate(
        commonName: String = "vane-embedded-apiserver",
        dnsNames: [String] = ["localhost"],
        ipAddresses: [String] = ["127.0.0.1"],
        notValidBefore: Date = Date().addingTimeInterval(-3600),
        notValidAfter: Date = Date().addingTimeInterval(365 * 86_400)
    ) throws -> IssuedCertificate {
        let names =
            dnsNames.map { GeneralName.dnsName($0) }
            + ipAddresses.compactMap { address in
                let octets = address.split(separator: ".").compactMap { UInt8($0) }
                return octets.count == 4
                    ? GeneralName.ipAddress(ASN1OctetString(contentBytes: ArraySlice(octets))) : nil
            }
        return try issue(
            commonName: commonName,
            organization: nil,
            notValidBefore: notValidBefore,
            notValidAfter: notValidAfter
        ) {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
            try ExtendedKeyUsage([.serverAuth])
            SubjectAlternativeNames(names)
        }
    }

    /// A client certificate: the API server authenticates it as user `commonName`.
    public func issueClientCertificate(user commonName: String, group: String? = nil) throws -> IssuedCertificate {
        try issue(
            commonName: commonName,
            organization: group,
            notValidBefore: Date().addingTimeInterval(-3600),
            notValidAfter: Date().addingTimeInterval(365 * 86_400)
        ) {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(KeyUsage(digitalSignature: true))
            try ExtendedKeyUsage([.clientAuth])
        }
    }

    private func issue(
        commonName: String,
        organization: String?,
        notValidBefore: Date,
        notValidAfter: Date,
        @ExtensionsBuilder extensions: () throws -> Result<Certificate.Extensions, any Error>
    ) throws -> IssuedCertificate {
        let key = P256.Signing.PrivateKey()
        let subject = try DistinguishedName {
            if let organization { OrganizationName(organization) }
            CommonName(commonName)
        }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: notValidBefore,
            notValidAfter: notValidAfter,
            issuer: root.certificate.subject,
            subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions(builder: extensions),
            issuerPrivateKey: Certificate.PrivateKey(root.privateKey)
        )
        return IssuedCertificate(certificate: certificate, privateKey: key)
    }
}
