/// Every metric the runtime exports, named once so each keeps one type, help text and label shape.
/// Names follow controller-runtime's, with the `vane_` prefix.
public enum MetricNames {
    public static let leader = "vane_leader"
    public static let leaseRenewDuration = "vane_lease_renew_duration_seconds"
    public static let leaseRenewFailures = "vane_lease_renew_failures_total"
    public static let leaseMargin = "vane_lease_margin_seconds"
    public static let leaderTransitions = "vane_leader_transitions_total"

    public static let workqueueDepth = "vane_workqueue_depth"
    public static let workqueueAdds = "vane_workqueue_adds_total"
    public static let workqueueRetries = "vane_workqueue_retries_total"
    public static let workqueueWorkDuration = "vane_workqueue_work_duration_seconds"
    public static let reconcileErrors = "vane_reconcile_errors_total"
}
