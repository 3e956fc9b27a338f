import Foundation
import KubeAPI

/// Supplies the `Authorization` header for each request: a static token, a token file re-read when
/// it changes (service-account token rotation), or an exec plugin's token cached until its
/// `expirationTimestamp` and fetched again after a 401.
actor CredentialProvider {
    private let credentials: Credentials
    private let now: @Sendable () -> Date
    private var cachedToken: String?
    private var cachedExpiry: Date?
    private var tokenFileStamp: Date?

    init(credentials: Credentials, now: @escaping @Sendable () -> Date = { Date() }) {
        self.credentials = credentials
        self.now = now
    }

    /// The header value, or nil when the credentials are a client certificate or nothing.
    func authorization(verb: String, target: String) async throws(KubeError) -> String? {
        switch credentials {
        case .none, .clientCertificate: return nil
        case .token(let token): return "Bearer \(token)"
        case .tokenFile(let path): return "Bearer \(try tokenFromFile(path))"
        case .exec(let config, let kubeconfigPath):
            if let cachedToken, cachedExpiry.map({ $0 > now() }) ?? true { return "Bearer \(cachedToken)" }
            let credential = try await ExecPlugin(config: config, kubeconfigPath: kubeconfigPath).run()
            cachedToken = credential.token
            cachedExpiry = credential.expiration
            return "Bearer \(credential.token)"
        }
    }

    /// After a 401 the cached exec token is dropped so the next request runs the plugin again.
    func invalidate() {
        cachedToken = nil
        cachedExpiry = nil
        tokenFileStamp = nil
    }

    private func tokenFromFile(_ path: String) throws(KubeError) -> String {
        let stamp = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate]) as? Date
        if let cachedToken, let stamp, stamp == tokenFileStamp { return cachedToken }
        do {
            let token = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            cachedToken = token
            tokenFileStamp = stamp
            return token
        } catch {
            throw KubeError(kind: .configuration, verb: "read", target: path, message: "cannot read the token file: \(KubeconfigLoader.reason(error))")
        }
    }
}
