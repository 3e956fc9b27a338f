/// The log metadata keys of VaneCLI, declared once (STYLE.md: dot-separated names, one enum per
/// module, after postgres-nio's `LoggerMetaDataKey`), so a key is never spelt two ways.
enum LogKey {
    static let k8sServer = "k8s.server"
    static let k8sNamespace = "k8s.namespace"
    static let leaseHolder = "lease.holder"
}
