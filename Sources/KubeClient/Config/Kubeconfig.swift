import KubeAPI

/// One kubeconfig file as kubectl reads it: named clusters, users and contexts.
///
/// Parsed from the YAML tree by hand rather than with Codable so that every problem is reported
/// with its file and field path (`users[0].user.exec.command: expected a string`).
public struct Kubeconfig: Sendable {
    public struct Cluster: Sendable, Hashable {
        public var server: String
        public var certificateAuthority: String?
        public var certificateAuthorityData: String?
        public var insecureSkipTLSVerify: Bool
        public var tlsServerName: String?
        public var proxyURL: String?
    }

    public struct ExecConfig: Sendable, Hashable {
        public var apiVersion: String
        public var command: String
        public var args: [String]
        public var env: [String: String]
        public var provideClusterInfo: Bool

        public init(
            apiVersion: String,
            command: String,
            args: [String] = [],
            env: [String: String] = [:],
            provideClusterInfo: Bool = false
        ) {
            self.apiVersion = apiVersion
            self.command = command
            self.args = args
            self.env = env
            self.provideClusterInfo = provideClusterInfo
        }
    }

    public struct User: Sendable, Hashable {
        public var token: String?
        public var tokenFile: String?
        public var clientCertificate: String?
        public var clientCertificateData: String?
        public var clientKey: String?
        public var clientKeyData: String?
        public var exec: ExecConfig?
        /// Set when the user uses a mechanism Vane does not support (basic auth, auth-provider).
        public var unsupported: String?
    }

    public struct Context: Sendable, Hashable {
        public var cluster: String
        public var user: String
        public var namespace: String?
    }

    /// The file this came from; relative paths inside resolve against its directory.
    public var path: String
    public var currentContext: String?
    public var clusters: [String: Cluster] = [:]
    public var users: [String: User] = [:]
    public var contexts: [String: Context] = [:]
    /// Names in file order (for "available: …" in error messages).
    public var contextNames: [String] = []

    public init(path: String, currentContext: String? = nil) {
        self.path = path
        self.currentContext = currentContext
    }

    /// Parses kubeconfig YAML; errors name the file and the field.
    public init(parsing text: String, path: String) throws(KubeError) {
        self.path = path
        let root: JSONValue
        do {
            root = try YAMLDocuments.parseSingle(text)
        } catch {
            throw Self.error(path, error.description)
        }
        if root.isNull { return }
        guard root.objectValue != nil else { throw Self.error(path, "expected a mapping at the top level") }
        let reader = FieldReader(path: path)
        currentContext = try reader.string(root["current-context"], "current-context")
        for (index, entry) in try reader.array(root["clusters"], "clusters").enumerated() {
            let field = "clusters[\(index)]"
            let name = try reader.required(reader.string(entry["name"], field + ".name"), field + ".name")
            let body = entry["cluster"] ?? .null
            clusters[name] = Cluster(
                server: try reader.required(
                    reader.string(body["server"], field + ".cluster.server"),
                    field + ".cluster.server"
                ),
                certificateAuthority: try reader.string(
                    body["certificate-authority"],
                    field + ".cluster.certificate-authority"
                ).map(resolve),
                certificateAuthorityData: try reader.string(
                    body["certificate-authority-data"],
                    field + ".cluster.certificate-authority-data"
                ),
                insecureSkipTLSVerify: try reader.bool(
                    body["insecure-skip-tls-verify"],
                    field + ".cluster.insecure-skip-tls-verify"
                ) ?? false,
                tlsServerName: try reader.string(body["tls-server-name"], field + ".cluster.tls-server-name"),
                proxyURL: try reader.string(body["proxy-url"], field + ".cluster.proxy-url")
            )
        }
        for (index, entry) in try reader.array(root["users"], "users").enumerated() {
            let field = "users[\(index)]"
            let name = try reader.required(reader.string(entry["name"], field + ".name"), field + ".name")
            let body = entry["user"] ?? .null
            var user = User(
                token: try reader.string(body["token"], field + ".user.token"),
                tokenFile: try reader.string(body["tokenFile"], field + ".user.tokenFile").map(resolve),
                clientCertificate: try reader.string(body["client-certificate"], field + ".user.client-certificate")
                    .map(resolve),
                clientCertificateData: try reader.string(
                    body["client-certificate-data"],
                    field + ".user.client-certificate-data"
                ),
                clientKey: try reader.string(body["client-key"], field + ".user.client-key").map(resolve),
                clientKeyData: try reader.string(body["client-key-data"], field + ".user.client-key-data")
            )
            if let exec = body["exec"], !exec.isNull {
                let execField = field + ".user.exec"
                var env: [String: String] = [:]
                for (envIndex, variable) in try reader.array(exec["env"], execField + ".env").enumerated() {
                    let envField = "\(execField).env[\(envIndex)]"
                    env[try reader.required(reader.string(variable["name"], envField + ".name"), envField + ".name")] =
                        try reader.string(variable["value"], envField + ".value") ?? ""
                }
                user.exec = ExecConfig(
                    apiVersion: try reader.required(
                        reader.string(exec["apiVersion"], execField + ".apiVersion"),
                        execField + ".apiVersion"
                    ),
                    command: try reader.required(
                        reader.string(exec["command"], execField + ".command"),
                        execField + ".command"
                    ),
                    args: try reader.array(exec["args"], execField + ".args").enumerated().map {
                        offset,
                        value throws(KubeError) in
                        try reader.required(
                            reader.string(value, "\(execField).args[\(offset)]"),
                            "\(execField).args[\(offset)]"
                        )
                    },
                    env: env,
                    provideClusterInfo: try reader.bool(exec["provideClusterInfo"], execField + ".provideClusterInfo")
                        ?? false
                )
            }
            if body["username"] != nil || body["password"] != nil {
                user.unsupported = "\(field).user: basic authentication (username/password) is not supported"
            }
            if body["auth-provider"] != nil {
                user.unsupported =
                    "\(field).user.auth-provider: auth providers are not supported; use an exec credential plugin (kubelogin, gke-gcloud-auth-plugin, aws eks get-token)"
            }
            users[name] = user
        }
        for (index, entry) in try reader.array(root["contexts"], "contexts").enumerated() {
            let field = "contexts[\(index)]"
            let name = try reader.required(reader.string(entry["name"], field + ".name"), field + ".name")
            let body = entry["context"] ?? .null
            contexts[name] = Context(
                cluster: try reader.required(
                    reader.string(body["cluster"], field + ".context.cluster"),
                    field + ".context.cluster"
                ),
                user: try reader.string(body["user"], field + ".context.user") ?? "",
                namespace: try reader.string(body["namespace"], field + ".context.namespace")
            )
            contextNames.append(name)
        }
    }

    /// Paths in a kubeconfig are relative to the file's directory, as kubectl resolves them.
    func resolve(_ value: String) -> String {
        if value.hasPrefix("/") || value.isEmpty { return value }
        guard let slash = path.lastIndex(of: "/") else { return value }
        return String(path[...slash]) + value
    }

    static func error(_ path: String, _ message: String) -> KubeError {
        KubeError(kind: .configuration, verb: "load", target: path, message: message)
    }
}

/// Reads typed fields out of a YAML tree, naming the file and field path on a type mismatch.
private struct FieldReader {
    let path: String

    func string(_ value: JSONValue?, _ field: String) throws(KubeError) -> String? {
        guard let value, !value.isNull else { return nil }
        if let text = value.stringValue { return text }
        if case .number(let number) = value { return number.description }
        if case .bool(let flag) = value { return flag ? "true" : "false" }
        throw Kubeconfig.error(path, "\(field): expected a string, found \(value.typeName)")
    }

    func bool(_ value: JSONValue?, _ field: String) throws(KubeError) -> Bool? {
        guard let value, !value.isNull else { return nil }
        if let flag = value.boolValue { return flag }
        if let text = value.stringValue, let flag = Bool(text) { return flag }
        throw Kubeconfig.error(path, "\(field): expected true or false, found \(value.typeName)")
    }

    func array(_ value: JSONValue?, _ field: String) throws(KubeError) -> [JSONValue] {
        guard let value, !value.isNull else { return [] }
        guard let items = value.arrayValue else {
            throw Kubeconfig.error(path, "\(field): expected a list, found \(value.typeName)")
        }
        return items
    }

    func required(_ value: String?, _ field: String) throws(KubeError) -> String {
        guard let value, !value.isEmpty else { throw Kubeconfig.error(path, "\(field): missing") }
        return value
    }
}
