extension RolloutStatus {
    /// The values of `status.phase`: Argo CD's health check and the incumbent's CLI read them.
    public enum Phase {
        public static let healthy = "Healthy"
        public static let progressing = "Progressing"
        public static let paused = "Paused"
        public static let degraded = "Degraded"
    }
}
