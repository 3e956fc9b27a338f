import Foundation
import FoundationEssentials

/// Finds and merges kubeconfig files the way kubectl does, and resolves one context into a
/// `ClientConfiguration`.
///
/// Order: an explicit path, else every file in `$KUBECONFIG` (colon-separated) merged in order — the
/// first file that defines a name wins, and `current-context` comes from the first file that sets
/// it — else `~/.kube/config`.
public struct KubeconfigLoader: Sendable {
    public var environment: [String: String]
    public var homeDirectory: String

    /// `environment` defaults to the process environment.
    public init(environment: [String: String]? = nil, homeDirectory: String? = nil) {
        let environment = environment ?? ProcessInfo.processInfo.environment
        self.environment = environment
        self.homeDirectory = homeDirectory ?? environment["HOME"] ?? NSHomeDirectory()
    }

    /// The files that would be read, in merge order.
    public func paths(explicit: String?) -> [String] {
        if let explicit, !explicit.isEmpty { return [explicit] }
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            return list.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        return [homeDirectory + "/.kube/config"]
    }

    /// Reads and merges the kubeconfig files. A missing explicit file is an error; missing files
    /// from `$KUBECONFIG` are skipped, as kubectl does.
    public func load(explicit: String? = nil) throws(KubeError) -> Kubeconfig {
        let files = paths(explicit: explicit)
        var merged: Kubeconfig?
        for path in files {
            guard FileManager.default.fileExists(atPath: path) else {
                if explicit != nil || files.count == 1 {
                    throw Kubeconfig.error(path, "kubeconfig file not found")
                }
                continue
            }
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw Kubeconfig.error(path, "cannot read the kubeconfig: \(error.localizedDescription)")
            }
            let config = try Kubeconfig(parsing: text, path: path)
            guard var accumulated = merged else {
                merged = config
                continue
            }
            if accumulated.currentContext?.isEmpty ?? true { accumulated.currentContext = config.currentContext }
            accumulated.clusters.merge(config.clusters) { first, _ in first }
            accumulated.users.merge(config.users) { first, _ in first }
            accumulated.contexts.merge(config.contexts) { first, _ in first }
            accumulated.contextNames += config.contextNames.filter { !accumulated.contextNames.contains($0) }
            merged = accumulated
        }
        guard let merged else { throw Kubeconfig.error(files.joined(separator: ":"), "no kubeconfig file found") }
        return merged
    }

    /// Resolves `context` (default: the current context) into a client configuration.
    public func configuration(
        explicit: String? = nil,
        context: String? = nil,
        namespace: String? = nil
    ) throws(KubeError) -> ClientConfiguration {
        let config = try load(explicit: explicit)
        guard let contextName = context ?? config.currentContext, !contextName.isEmpty else {
            throw Kubeconfig.error(
                config.path,
                "current-context is not set and no --context was given (available: \(config.contextNames.joined(separator: ", ")))"
            )
        }
        guard let selected = config.contexts[contextName] else {
            throw Kubeconfig.error(
                config.path,
                "context \"\(contextName)\" not found (available: \(config.contextNames.joined(separator: ", ")))"
            )
        }
        guard let cluster = config.clusters[selected.cluster] else {
            throw Kubeconfig.error(
                config.path,
                "contexts[\(contextName)].context.cluster: cluster \"\(selected.cluster)\" not found"
            )
        }
        if let proxy = cluster.proxyURL, !proxy.isEmpty {
            throw Kubeconfig.error(
                config.path,
                "clusters[\(selected.cluster)].cluster.proxy-url: proxies are not supported yet (\(proxy))"
            )
        }
        let user = selected.user.isEmpty ? Kubeconfig.User() : config.users[selected.user]
        guard let user else {
            throw Kubeconfig.error(
                config.path,
                "contexts[\(contextName)].context.user: user \"\(selected.user)\" not found"
            )
        }
        if let unsupported = user.unsupported { throw Kubeconfig.error(config.path, unsupported) }

        var result = ClientConfiguration(
            server: cluster.server,
            namespace: namespace ?? selected.namespace ?? "default",
            insecureSkipTLSVerify: cluster.insecureSkipTLSVerify,
            tlsServerName: cluster.tlsServerName
        )
        result.certificateAuthorityPEM = try pem(
            data: cluster.certificateAuthorityData,
            file: cluster.certificateAuthority,
            field: "clusters[\(selected.cluster)].cluster.certificate-authority",
            in: config.path
        )
        if cluster.insecureSkipTLSVerify, result.certificateAuthorityPEM != nil {
            // client-go refuses the pair too: which of the two was meant cannot be guessed.
            throw Kubeconfig.error(
                config.path,
                """
                clusters[\(selected.cluster)].cluster: certificate-authority and insecure-skip-tls-verify exclude each other; \
                remove one of them
                """
            )
        }
        let certificate = try pem(
            data: user.clientCertificateData,
            file: user.clientCertificate,
            field: "users[\(selected.user)].user.client-certificate",
            in: config.path
        )
        let key = try pem(
            data: user.clientKeyData,
            file: user.clientKey,
            field: "users[\(selected.user)].user.client-key",
            in: config.path
        )
        switch (certificate, key) {
        case (let certificate?, let key?):
            result.credentials = .clientCertificate(certificatePEM: certificate, keyPEM: key)
        case (nil, nil): break
        case (_?, nil):
            throw Kubeconfig.error(
                config.path,
                "users[\(selected.user)].user: client-certificate given without client-key"
            )
        case (nil, _?):
            throw Kubeconfig.error(
                config.path,
                "users[\(selected.user)].user: client-key given without client-certificate"
            )
        }
        if let token = user.token, !token.isEmpty {
            result.credentials = .token(token)
        } else if let file = user.tokenFile, !file.isEmpty {
            result.credentials = .tokenFile(file)
        } else if let exec = user.exec {
            result.credentials = .exec(exec, kubeconfigPath: config.path)
        }
        return result
    }

    /// PEM text from inline base64 data or from a file; errors name the field and the file.
    private func pem(data: String?, file: String?, field: String, in path: String) throws(KubeError) -> String? {
        if let data, !data.isEmpty {
            guard let decoded = Data(base64Encoded: data.filter { !$0.isWhitespace }),
                let text = String(data: decoded, encoding: .utf8)
            else {
                throw Kubeconfig.error(path, "\(field)-data: not valid base64")
            }
            return text
        }
        guard let file, !file.isEmpty else { return nil }
        do {
            return try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw Kubeconfig.error(path, "\(field): cannot read \(file): \(Self.reason(error))")
        }
    }

    static func reason(_ error: any Error) -> String {
        let text = (error as NSError).localizedDescription
        if (error as NSError).code == NSFileReadNoSuchFileError { return "No such file or directory" }
        return text
    }
}
