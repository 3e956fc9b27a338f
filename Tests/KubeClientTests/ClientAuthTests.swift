import EmbeddedCluster
import Foundation
import KubeAPI
import KubeClient
import KubeTestKit
import Testing

@Suite("Client authentication and TLS", .timeLimit(.minutes(2)))
struct ClientAuthTests {
    func scratchDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appending(path: "vane-auth-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Writes an executable shell script `name` in `directory` and returns its path.
    func script(_ name: String, in directory: URL, _ text: String) throws -> String {
        let path = directory.appending(path: name).path
        try Data(text.utf8).write(to: URL(filePath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    @Test("HTTPS with a bearer token and with a client certificate; the audit log shows who wrote")
    func tlsCredentials() async throws {
        let tls = try EmbeddedClusterTLS.generate()
        let issued = try tls.authority.issueClientCertificate(user: "jane")
        try await withEmbeddedCluster(EmbeddedClusterConfiguration(tls: tls)) { cluster in
            try await withKubeClient(try await adminConfiguration(cluster)) { client in
                _ = try await client.create(ConfigMap(metadata: ObjectMeta(name: "by-admin")))
            }
            var certificateConfiguration = try await adminConfiguration(cluster)
            certificateConfiguration.credentials = .clientCertificate(
                certificatePEM: try issued.certificatePEM,
                keyPEM: issued.privateKeyPEM
            )
            try await withKubeClient(certificateConfiguration) { client in
                _ = try await client.create(ConfigMap(metadata: ObjectMeta(name: "by-jane")))
            }
            let writers = await cluster.store.auditLog.filter { $0.resource == "configmaps" }.map {
                "\($0.name)=\($0.identity)"
            }
            #expect(writers == ["by-admin=admin", "by-jane=jane"])
        }
    }

    @Test("an expired server certificate is reported with its expiry date")
    func expiredCertificate() async throws {
        let authority = try CertificateAuthority()
        let expiry = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
        let expired = try authority.issueServerCertificate(
            notValidBefore: expiry.addingTimeInterval(-86_400),
            notValidAfter: expiry
        )
        let tls = EmbeddedClusterTLS(authority: authority, serverCertificate: expired)
        try await withEmbeddedCluster(EmbeddedClusterConfiguration(tls: tls)) { cluster in
            try await withKubeClient(try await adminConfiguration(cluster)) { client in
                do {
                    _ = try await client.get(ConfigMap.self, name: "x")
                    Issue.record("the handshake must fail")
                } catch let error as KubeError {
                    guard case .tls(let reason) = error.kind else {
                        Issue.record("expected a TLS error, got \(error)")
                        return
                    }
                    #expect(
                        reason == "server certificate \"CN=vane-embedded-apiserver\" expired on 2026-01-01T00:00:00Z"
                    )
                    #expect(error.description.contains("TLS handshake with 127.0.0.1:"))
                }
            }
        }
    }

    @Test("a certificate for other names and one from an unknown authority are told apart")
    func mismatchAndUnknownAuthority() async throws {
        let authority = try CertificateAuthority()
        let elsewhere = try authority.issueServerCertificate(dnsNames: ["api.example.com"], ipAddresses: ["10.9.9.9"])
        try await withEmbeddedCluster(
            EmbeddedClusterConfiguration(tls: EmbeddedClusterTLS(authority: authority, serverCertificate: elsewhere))
        ) { cluster in
            try await withKubeClient(try await adminConfiguration(cluster, requestTimeout: .seconds(2))) { client in
                do {
                    _ = try await client.get(ConfigMap.self, name: "x")
                    Issue.record("the handshake must fail")
                } catch let error as KubeError {
                    #expect(
                        error.kind
                            == .tls(
                                reason:
                                    "server certificate \"CN=vane-embedded-apiserver\" is valid for api.example.com, 10.9.9.9, not 127.0.0.1"
                            ),
                        "\(error)"
                    )
                }
            }
        }
        try await withEmbeddedCluster(EmbeddedClusterConfiguration(tls: try EmbeddedClusterTLS.generate())) { cluster in
            var untrusting = try await adminConfiguration(cluster, requestTimeout: .seconds(2))
            untrusting.certificateAuthorityPEM = try CertificateAuthority(commonName: "some-other-ca").root
                .certificatePEM
            try await withKubeClient(untrusting) { client in
                do {
                    _ = try await client.get(ConfigMap.self, name: "x")
                    Issue.record("the handshake must fail")
                } catch let error as KubeError {
                    #expect(
                        error.kind
                            == .tls(
                                reason:
                                    "server certificate \"CN=vane-embedded-apiserver\" is signed by an unknown authority \"CN=vane-embedded-ca\""
                            )
                    )
                }
            }
        }
    }

    @Test("an exec plugin's token is cached until it expires and fetched again after a 401")
    func execPlugin() async throws {
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let counter = directory.appending(path: "runs").path
        let tokenFile = directory.appending(path: "token").path
        try Data("plugin-token-1".utf8).write(to: URL(filePath: tokenFile))
        let script = try self.script(
            "plugin.sh",
            in: directory,
            """
            #!/bin/sh
            echo run >> "\(counter)"
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s","expirationTimestamp":"2099-01-01T00:00:00Z"}}' "$(cat "\(tokenFile)")"
            """
        )

        let configuration = EmbeddedClusterConfiguration(tokens: [
            "plugin-token-1": "plugin-user-1", "plugin-token-2": "plugin-user-2",
        ])
        try await withEmbeddedCluster(configuration) { cluster in
            let exec = Kubeconfig.ExecConfig(
                apiVersion: "client.authentication.k8s.io/v1",
                command: script,
                args: [],
                env: [:],
                provideClusterInfo: false
            )
            let clientConfiguration = ClientConfiguration(
                server: await cluster.serverURL(),
                credentials: .exec(exec, kubeconfigPath: "test-kubeconfig")
            )
            try await withKubeClient(clientConfiguration) { client in
                _ = try await client.create(ConfigMap(metadata: ObjectMeta(name: "one")))
                _ = try await client.create(ConfigMap(metadata: ObjectMeta(name: "two")))
                #expect(try String(contentsOfFile: counter, encoding: .utf8).split(separator: "\n").count == 1)

                // The cluster stops accepting the first token; the client re-runs the plugin once.
                try Data("plugin-token-2".utf8).write(to: URL(filePath: tokenFile))
                await cluster.faults.install(
                    FaultRule(verbs: ["create"], action: .error(code: 401, message: "Unauthorized"), remaining: 1)
                )
                _ = try await client.create(ConfigMap(metadata: ObjectMeta(name: "three")))
                #expect(try String(contentsOfFile: counter, encoding: .utf8).split(separator: "\n").count == 2)
            }
            let identities = await cluster.store.auditLog.filter { $0.resource == "configmaps" }.map(\.identity)
            #expect(identities == ["plugin-user-1", "plugin-user-1", "plugin-user-2"])
        }
    }

    @Test("requests that need a token at the same moment share one plugin run; provideClusterInfo passes the cluster")
    func execPluginRunsOnce() async throws {
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let counter = directory.appending(path: "runs").path
        let info = directory.appending(path: "exec-info").path
        // The pause keeps the run in progress while the other requests arrive.
        let script = try self.script(
            "slow-plugin.sh",
            in: directory,
            """
            #!/bin/sh
            echo run >> "\(counter)"
            printf '%s' "$KUBERNETES_EXEC_INFO" > "\(info)"
            sleep 0.3
            printf '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"shared-token"}}'
            """
        )

        try await withEmbeddedCluster(EmbeddedClusterConfiguration(tokens: ["shared-token": "plugin-user"])) {
            cluster in
            let exec = Kubeconfig.ExecConfig(
                apiVersion: "client.authentication.k8s.io/v1beta1",
                command: script,
                provideClusterInfo: true
            )
            let server = await cluster.serverURL()
            let configuration = ClientConfiguration(
                server: server,
                credentials: .exec(exec, kubeconfigPath: "test-kubeconfig"),
                tlsServerName: "api.internal"
            )
            try await withKubeClient(configuration) { client in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<5 {
                        group.addTask {
                            _ = try await client.create(ConfigMap(metadata: ObjectMeta(name: "together-\(index)")))
                        }
                    }
                    try await group.waitForAll()
                }
            }
            #expect(try String(contentsOfFile: counter, encoding: .utf8).split(separator: "\n").count == 1)
            let request = try JSONParser.parse(String(contentsOfFile: info, encoding: .utf8))
            #expect(request["kind"] == "ExecCredential")
            #expect(request[path: "spec", "interactive"] == false)
            #expect(request[path: "spec", "cluster", "server"]?.stringValue == server)
            #expect(request[path: "spec", "cluster", "tls-server-name"] == "api.internal")
            let identities = await cluster.store.auditLog.filter { $0.resource == "configmaps" }.map(\.identity)
            #expect(identities == Array(repeating: "plugin-user", count: 5))
        }
    }

    @Test("a client certificate the server does not trust is named in the error, not blamed on the server certificate")
    func rejectedClientCertificate() async throws {
        let tls = try EmbeddedClusterTLS.generate()
        let stranger = try CertificateAuthority(commonName: "some-other-ca").issueClientCertificate(user: "jane")
        try await withEmbeddedCluster(EmbeddedClusterConfiguration(tls: tls)) { cluster in
            var configuration = try await adminConfiguration(cluster, requestTimeout: .seconds(5))
            configuration.credentials = .clientCertificate(
                certificatePEM: try stranger.certificatePEM,
                keyPEM: stranger.privateKeyPEM
            )
            try await withKubeClient(configuration) { client in
                do {
                    _ = try await client.get(ConfigMap.self, name: "x")
                    Issue.record("the server must refuse the certificate")
                } catch let error as KubeError {
                    #expect(
                        error.kind
                            == .tls(
                                reason: """
                                    the server rejected the client certificate "CN=jane" issued by "CN=some-other-ca" (alert "unknown ca")
                                    """
                            ),
                        "\(error)"
                    )
                }
            }
        }
    }

    @Test("a failing exec plugin is reported with its exit status and first stderr line")
    func failingPlugin() async throws {
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = try self.script(
            "broken.sh",
            in: directory,
            "#!/bin/sh\necho 'login required: run az login' >&2\nexit 3\n"
        )
        try await withEmbeddedCluster { cluster in
            let exec = Kubeconfig.ExecConfig(
                apiVersion: "client.authentication.k8s.io/v1beta1",
                command: script,
                args: [],
                env: [:],
                provideClusterInfo: false
            )
            try await withKubeClient(
                ClientConfiguration(
                    server: await cluster.serverURL(),
                    credentials: .exec(exec, kubeconfigPath: "/home/u/.kube/config")
                )
            ) { client in
                do {
                    _ = try await client.get(ConfigMap.self, name: "x")
                    Issue.record("expected an exec failure")
                } catch let error as KubeError {
                    #expect(
                        error.description
                            == "exec /home/u/.kube/config: exec plugin \(script) failed with exit status 3: login required: run az login"
                    )
                }
            }
        }
    }

    /// Runs `body` with a client whose exec plugin records its process id and never finishes, then
    /// returns the ids of the plugin processes that were started.
    func withHungPlugin(
        timeout: Duration = .seconds(30),
        _ body: (KubeClient, _ command: String, _ started: () async throws -> [pid_t]) async throws -> Void
    ) async throws -> [pid_t] {
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pids = directory.appending(path: "pids").path
        let script = try self.script("hung.sh", in: directory, "#!/bin/sh\necho $$ >> \"\(pids)\"\nexec sleep 600\n")
        // The ids written so far, once there is one (observing another process).
        let started = { () async throws -> [pid_t] in
            for _ in 0..<1_000 {
                let written = ((try? String(contentsOfFile: pids, encoding: .utf8)) ?? "").split(separator: "\n")
                if !written.isEmpty { return written.compactMap { pid_t($0) } }
                try await Task.sleep(for: .milliseconds(10))
            }
            throw CocoaError(.fileNoSuchFile)
        }
        try await withEmbeddedCluster { cluster in
            var configuration = ClientConfiguration(
                server: await cluster.serverURL(),
                credentials: .exec(
                    Kubeconfig.ExecConfig(apiVersion: "client.authentication.k8s.io/v1", command: script),
                    kubeconfigPath: "test-kubeconfig"
                )
            )
            configuration.execPluginTimeout = timeout
            try await withKubeClient(configuration) { client in try await body(client, script, started) }
        }
        return try await started()
    }

    @Test("an exec plugin that does not finish in time is stopped, and the error names the command")
    func hungPluginTimesOut() async throws {
        let started = try await withHungPlugin(timeout: .milliseconds(500)) { client, command, _ in
            do {
                _ = try await client.get(ConfigMap.self, name: "x")
                Issue.record("a hung plugin must fail the request")
            } catch let error as KubeError {
                #expect(
                    error.description
                        == "exec test-kubeconfig: exec plugin \(command) did not finish within 500ms and was stopped"
                )
            }
        }
        #expect(started.allSatisfy { kill($0, 0) != 0 }, "still running: \(started)")
    }

    @Test("cancelling a request stops the exec plugin it is waiting for")
    func cancelledPlugin() async throws {
        let started = try await withHungPlugin { client, command, started in
            let outcome = try await withThrowingTaskGroup(of: KubeError?.self) { group in
                group.addTask {
                    do {
                        _ = try await client.get(ConfigMap.self, name: "x")
                        return nil
                    } catch let error as KubeError {
                        return error
                    }
                }
                _ = try await started()
                group.cancelAll()
                return try await group.next() ?? nil
            }
            let error = try #require(outcome)
            #expect(error.kind == .cancelled, "\(error)")
            #expect(error.message == "exec plugin \(command) cancelled")
        }
        #expect(started.count == 1)
        #expect(started.allSatisfy { kill($0, 0) != 0 }, "still running: \(started)")
    }

    @Test("a rotated service-account token file is re-read")
    func rotatedTokenFile() async throws {
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tokenFile = directory.appending(path: "token").path
        try Data("sa-token-1\n".utf8).write(to: URL(filePath: tokenFile))
        let configuration = EmbeddedClusterConfiguration(tokens: ["sa-token-1": "sa-1", "sa-token-2": "sa-2"])
        try await withEmbeddedCluster(configuration) { cluster in
            try await withKubeClient(
                ClientConfiguration(server: await cluster.serverURL(), credentials: .tokenFile(tokenFile))
            ) { client in
                _ = try await client.create(ConfigMap(metadata: ObjectMeta(name: "before")))
                try Data("sa-token-2\n".utf8).write(to: URL(filePath: tokenFile))
                try FileManager.default.setAttributes(
                    [.modificationDate: Date().addingTimeInterval(5)],
                    ofItemAtPath: tokenFile
                )
                _ = try await client.create(ConfigMap(metadata: ObjectMeta(name: "after")))
            }
            let identities = await cluster.store.auditLog.filter { $0.resource == "configmaps" }.map(\.identity)
            #expect(identities == ["sa-1", "sa-2"])
        }
    }
}
