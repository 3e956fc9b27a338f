import EmbeddedCluster
import Foundation
import KubeAPI
import KubeClient
import KubeTestKit
import Testing

@Suite(
    "tls-server-name: connect to the server's address, check the certificate for another name",
    .timeLimit(.minutes(2))
)
struct TLSServerNameTests {
    /// A cluster whose certificate names only `kubernetes.internal`, never the address clients connect to.
    static func clusterConfiguration() throws -> EmbeddedClusterConfiguration {
        let authority = try CertificateAuthority()
        let certificate = try authority.issueServerCertificate(dnsNames: ["kubernetes.internal"], ipAddresses: [])
        return EmbeddedClusterConfiguration(
            tls: EmbeddedClusterTLS(authority: authority, serverCertificate: certificate)
        )
    }

    @Test("with tls-server-name every verb and a watch work over HTTPS to 127.0.0.1")
    func verifiedAgainstTheName() async throws {
        try await withEmbeddedCluster(try Self.clusterConfiguration()) { cluster in
            var configuration = try await adminConfiguration(cluster)
            configuration.tlsServerName = "kubernetes.internal"
            try await withKubeClient(configuration) { client in
                let list = try await client.list(ConfigMap.self, namespace: "default")
                var updates = try await client.watch(
                    ConfigMap.self,
                    namespace: "default",
                    resourceVersion: list.metadata.resourceVersion
                )
                .makeAsyncIterator()
                _ = try await client.create(ConfigMap(metadata: ObjectMeta(name: "sni"), data: ["a": "1"]))
                #expect(try await client.get(ConfigMap.self, name: "sni").data == ["a": "1"])
                let update = try await updates.next()
                #expect(update?.object?.metadata.name == "sni")
            }
            let writers = await cluster.store.auditLog.filter { $0.resource == "configmaps" }.map(\.identity)
            #expect(writers == ["admin"])
        }
    }

    @Test("tls-server-name from a kubeconfig file is honoured")
    func fromKubeconfig() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "vane-sni-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try await withEmbeddedCluster(try Self.clusterConfiguration()) { cluster in
            let path = directory.appending(path: "config").path
            let kubeconfig = await cluster.kubeconfig()
                .replacing("    server: ", with: "    tls-server-name: kubernetes.internal\n    server: ")
            try Data(kubeconfig.utf8).write(to: URL(filePath: path))
            let configuration = try KubeconfigLoader(environment: [:]).configuration(explicit: path)
            #expect(configuration.tlsServerName == "kubernetes.internal")
            try await withKubeClient(configuration) { client in
                _ = try await client.create(ConfigMap(metadata: ObjectMeta(name: "from-file")))
            }
        }
    }

    @Test("without tls-server-name, or with another name, the handshake fails saying which name the certificate lacks")
    func mismatches() async throws {
        try await withEmbeddedCluster(try Self.clusterConfiguration()) { cluster in
            let server = await cluster.serverURL()
            let host = server.replacing("https://", with: "")
            for name in [nil, "elsewhere.internal"] {
                var configuration = try await adminConfiguration(cluster, requestTimeout: .seconds(5))
                configuration.tlsServerName = name
                try await withKubeClient(configuration) { client in
                    do {
                        _ = try await client.get(ConfigMap.self, name: "x")
                        Issue.record("the handshake must fail for \(name ?? "127.0.0.1")")
                    } catch let error as KubeError {
                        let checked = name ?? "127.0.0.1"
                        let reason =
                            #"server certificate "CN=vane-embedded-apiserver" is valid for kubernetes.internal, not \#(checked)"#
                        #expect(error.kind == .tls(reason: reason))
                        // The error names the server connected to, not the name checked.
                        let url = "\(server)/api/v1/namespaces/default/configmaps/x"
                        #expect(error.description == "GET \(url): TLS handshake with \(host) failed: \(reason)")
                    }
                }
            }
        }
    }

    @Test("an IP address as tls-server-name is refused with the reason; the server's own host is no override")
    func addresses() async throws {
        let addressed = ClientConfiguration(server: "https://10.0.0.1:6443", tlsServerName: "10.0.0.2")
        switch Result(catching: { () throws(KubeError) in try KubeClient(configuration: addressed) }) {
        case .success(let client):
            try await client.shutdown()
            Issue.record("an IP address cannot be sent as SNI")
        case .failure(let error):
            #expect(error.kind == .configuration)
            #expect(
                error.description == """
                    https://10.0.0.1:6443: tls-server-name (10.0.0.2) is an IP address; only a DNS name can be sent as SNI and checked \
                    in place of 10.0.0.1, so use a DNS name from the server certificate
                    """
            )
        }
        try await withEmbeddedCluster(EmbeddedClusterConfiguration(tls: try EmbeddedClusterTLS.generate())) { cluster in
            var configuration = try await adminConfiguration(cluster)
            configuration.tlsServerName = "127.0.0.1"
            try await withKubeClient(configuration) { client in
                _ = try await client.list(ConfigMap.self, namespace: "default")
            }
        }
    }
}
