import Foundation
import KubeAPI
import KubeClient
import Testing

@Suite("Kubeconfig loading", .timeLimit(.minutes(2)))
struct KubeconfigTests {
    /// A scratch directory with files, removed afterwards.
    struct Scratch {
        let directory = FileManager.default.temporaryDirectory.appending(path: "vane-kc-\(UUID().uuidString)")

        init() throws { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }

        func write(_ name: String, _ text: String) throws -> String {
            let path = directory.appending(path: name).path
            try Data(text.utf8).write(to: URL(filePath: path))
            return path
        }

        func remove() { try? FileManager.default.removeItem(at: directory) }
    }

    static func config(
        context: String,
        server: String,
        token: String = "t",
        namespace: String? = nil,
        current: Bool = true
    ) -> String {
        """
        apiVersion: v1
        kind: Config
        \(current ? "current-context: \(context)" : "")
        clusters:
        - name: \(context)
          cluster:
            server: \(server)
        users:
        - name: \(context)
          user:
            token: \(token)
        contexts:
        - name: \(context)
          context:
            cluster: \(context)
            user: \(context)
            \(namespace.map { "namespace: \($0)" } ?? "")
        """
    }

    @Test("a single file resolves server, token and namespace of the current context")
    func singleFile() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = try scratch.write(
            "config",
            Self.config(context: "dev", server: "https://10.0.0.1:6443", token: "abc", namespace: "team")
        )
        let configuration = try KubeconfigLoader(environment: [:]).configuration(explicit: path)
        #expect(configuration.server == "https://10.0.0.1:6443")
        #expect(configuration.namespace == "team")
        guard case .token(let token) = configuration.credentials else {
            Issue.record("expected a token")
            return
        }
        #expect(token == "abc")
    }

    @Test("$KUBECONFIG files merge in order: the first definition and the first current-context win")
    func mergeOrder() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let first = try scratch.write("a", Self.config(context: "shared", server: "https://first", current: false))
        let second = try scratch.write("b", Self.config(context: "shared", server: "https://second", current: true))
        let loader = KubeconfigLoader(environment: [
            "KUBECONFIG": "\(first):\(scratch.directory.path)/missing:\(second)"
        ])
        let configuration = try loader.configuration()
        #expect(configuration.server == "https://first")
        #expect(loader.paths(explicit: nil).count == 3)
    }

    @Test(
        "--context picks another context; --namespace beats the context's; a kubeconfig without a namespace means default"
    )
    func contextAndNamespace() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let first = try scratch.write("a", Self.config(context: "dev", server: "https://dev", namespace: "team"))
        let second = try scratch.write("b", Self.config(context: "prod", server: "https://prod", current: false))
        let loader = KubeconfigLoader(environment: ["KUBECONFIG": "\(first):\(second)"])
        #expect(try loader.configuration().server == "https://dev")
        #expect(try loader.configuration().namespace == "team")
        #expect(try loader.configuration(namespace: "other").namespace == "other")
        let prod = try loader.configuration(context: "prod")
        #expect(prod.server == "https://prod")
        #expect(prod.namespace == "default")
        let home = KubeconfigLoader(environment: [:], homeDirectory: scratch.directory.path)
        #expect(home.paths(explicit: nil) == [scratch.directory.path + "/.kube/config"])
        #expect(KubeconfigLoader(environment: ["KUBECONFIG": "\(first):\(second)"]).paths(explicit: second) == [second])
    }

    @Test("a proxy-url, and a CA together with insecure-skip-tls-verify, are refused with the field named")
    func refusedClusterSettings() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let proxied = try scratch.write(
            "proxied",
            Self.config(context: "dev", server: "https://x")
                .replacing(
                    "    server: https://x",
                    with: "    server: https://x\n    proxy-url: http://proxy.corp:3128"
                )
        )
        do {
            _ = try KubeconfigLoader(environment: [:]).configuration(explicit: proxied)
            Issue.record("expected a proxy error")
        } catch {
            #expect(
                error.description
                    == "\(proxied): clusters[dev].cluster.proxy-url: proxies are not supported yet (http://proxy.corp:3128)"
            )
        }
        let authority = Data("pem".utf8).base64EncodedString()
        let both = try scratch.write(
            "both",
            Self.config(context: "dev", server: "https://x").replacing(
                "    server: https://x",
                with:
                    "    server: https://x\n    insecure-skip-tls-verify: true\n    certificate-authority-data: \(authority)"
            )
        )
        do {
            _ = try KubeconfigLoader(environment: [:]).configuration(explicit: both)
            Issue.record("expected a conflict error")
        } catch {
            #expect(
                error.description == "\(both): clusters[dev].cluster: "
                    + "certificate-authority and insecure-skip-tls-verify exclude each other; remove one of them"
            )
        }
    }

    @Test("problems name the file and the field in one line")
    func errors() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let valid = try scratch.write("valid", Self.config(context: "dev", server: "https://x"))
        #expect(throws: KubeError.self) {
            try KubeconfigLoader(environment: [:]).configuration(explicit: valid, context: "prod")
        }
        do {
            _ = try KubeconfigLoader(environment: [:]).configuration(explicit: valid, context: "prod")
        } catch {
            #expect(error.description == "\(valid): context \"prod\" not found (available: dev)")
        }

        let broken = try scratch.write("broken", "clusters:\n  - name: a\n    cluster: [unclosed\n")
        do {
            _ = try KubeconfigLoader(environment: [:]).load(explicit: broken)
            Issue.record("expected a YAML error")
        } catch {
            #expect(error.description.hasPrefix("\(broken): invalid YAML at line"))
        }

        let missing = scratch.directory.appending(path: "nope").path
        do {
            _ = try KubeconfigLoader(environment: [:]).load(explicit: missing)
            Issue.record("expected a missing-file error")
        } catch {
            #expect(error.description == "\(missing): kubeconfig file not found")
        }

        let wrongType = try scratch.write(
            "type",
            "users:\n- name: u\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: [a, b]\n"
        )
        do {
            _ = try KubeconfigLoader(environment: [:]).load(explicit: wrongType)
            Issue.record("expected a type error")
        } catch {
            #expect(error.description == "\(wrongType): users[0].user.exec.command: expected a string, found array")
        }

        let keyless = try scratch.write(
            "keyless",
            Self.config(context: "dev", server: "https://x").replacing(
                "    token: t",
                with: "    client-certificate: cert.pem\n    client-key: missing-key.pem"
            )
        )
        _ = try scratch.write("cert.pem", "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n")
        do {
            _ = try KubeconfigLoader(environment: [:]).configuration(explicit: keyless)
            Issue.record("expected an unreadable key error")
        } catch {
            #expect(
                error.description
                    == "\(keyless): users[dev].user.client-key: cannot read \(scratch.directory.path)/missing-key.pem: No such file or directory"
            )
        }
    }
}
