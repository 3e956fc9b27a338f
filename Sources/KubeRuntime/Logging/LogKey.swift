/// The log metadata keys of KubeRuntime, declared once (STYLE.md: dot-separated names, one enum per
/// module, after postgres-nio's `LoggerMetaDataKey`), so a key is never spelt two ways.
enum LogKey {
    static let k8sResource = "k8s.resource"
    /// `namespace/name` of the object a controller works on.
    static let k8sKey = "k8s.key"
    /// The involved object of an Event, as `kind namespace/name`.
    static let k8sObject = "k8s.object"
    static let controller = "controller.name"
    /// Consecutive failures of the key being reconciled.
    static let reconcileFailures = "reconcile.failures"
    static let retryWarning = "reconcile.warning"
    static let eventReason = "event.reason"
    static let leaseName = "lease.name"
    static let leaseHolder = "lease.holder"
    static let leaseTerm = "lease.term"
    static let renewalUsed = "renewal.used"
    static let renewalLatency = "renewal.latency"
    static let renewalMargin = "renewal.margin"
    static let renewalSuggestion = "renewal.suggestion"
    static let errorKind = "error.kind"
    static let error = "error"
}
