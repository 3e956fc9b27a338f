/// The log metadata keys of KubeClient, declared once (STYLE.md: dot-separated names, one enum per
/// module, after postgres-nio's `LoggerMetaDataKey`), so a key is never spelt two ways.
enum LogKey {
    static let k8sResource = "k8s.resource"
    static let httpMethod = "http.method"
    static let httpURL = "http.url"
    /// Which attempt of a retried request failed (1 for the first).
    static let httpAttempt = "http.attempt"
    static let error = "error"
}
