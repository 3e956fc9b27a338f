import Foundation
import KubeAPI

/// Supplies the `Authorization` header for each request: a static token, a token file re-read when
/// it changes (service-account token rotation), or an exec plugin's token cached until its
/// `expirationTimestamp` and fetched again after a 401.
///
/// The plugin runs once however many requests need a token at the same moment (client-go holds a lock
/// for the same reason): the others wait for its answer instead of starting their own login.
actor CredentialProvider {
    private let credentials: Credentials
    private let cluster: ExecPlugin.ClusterInfo?
    private let execTimeout: Duration
    private let clock: any Clock<Duration>
    private let now: @Sendable () -> Date
    private var cachedToken: String?
    private var cachedExpiry: Date?
    private var tokenFileStamp: Date?
    /// Requests waiting for the plugin run in progress; nil when none runs.
    private var waitingForPlugin: [CheckedContinuation<ExecPlugin.Credential, any Error>]?

    init(
        credentials: Credentials,
        cluster: ExecPlugin.ClusterInfo? = nil,
        execTimeout: Duration = .seconds(30),
        clock: any Clock<Duration> = ContinuousClock(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.credentials = credentials
        self.cluster = cluster
        self.execTimeout = execTimeout
        self.clock = clock
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
            let plugin = ExecPlugin(
                config: config,
                kubeconfigPath: kubeconfigPath,
                cluster: cluster,
                timeout: execTimeout,
                clock: clock
            )
            return "Bearer \(try await pluginCredential(plugin).token)"
        }
    }

    /// Runs the plugin, or joins the run already in progress.
    private func pluginCredential(_ plugin: ExecPlugin) async throws(KubeError) -> ExecPlugin.Credential {
        if waitingForPlugin != nil {
            do {
                return try await withCheckedThrowingContinuation { waitingForPlugin?.append($0) }
            } catch let error as KubeError {
                throw error
            } catch {
                throw KubeError(kind: .unauthorized, verb: "exec", target: plugin.kubeconfigPath, message: "\(error)")
            }
        }
        waitingForPlugin = []
        let result: Result<ExecPlugin.Credential, KubeError>
        do {
            result = .success(try await plugin.run())
        } catch {
            result = .failure(error)
        }
        let waiting = waitingForPlugin ?? []
        waitingForPlugin = nil
        if case .success(let credential) = result {
            cachedToken = credential.token
            cachedExpiry = credential.expiration
        }
        for continuation in waiting { continuation.resume(with: result.mapError { $0 as any Error }) }
        return try result.get()
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
            let token = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(
                in: .whitespacesAndNewlines
            )
            cachedToken = token
            tokenFileStamp = stamp
            return token
        } catch {
            throw KubeError(
                kind: .configuration,
                verb: "read",
                target: path,
                message: "cannot read the token file: \(KubeconfigLoader.reason(error))"
            )
        }
    }
}
