/// The kubeconfig the embedded cluster emits: one cluster, one user with a bearer token, one context.
struct KubeconfigDocument {
    var server: String
    var user: String
    var token: String
    var certificateAuthorityData: String?
    var name = "vane-embedded"

    var yaml: String {
        var cluster = "    server: \(server)\n"
        if let certificateAuthorityData { cluster += "    certificate-authority-data: \(certificateAuthorityData)\n" }
        return """
            apiVersion: v1
            kind: Config
            clusters:
            - name: \(name)
              cluster:
            \(cluster)contexts:
            - name: \(name)
              context:
                cluster: \(name)
                user: \(user)
                namespace: default
            current-context: \(name)
            users:
            - name: \(user)
              user:
                token: \(token)

            """
    }
}
