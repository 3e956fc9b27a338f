/// The `reason` of an entry in `status.pauseConditions`: why the controller holds the Rollout. The
/// phase message of a paused Rollout is this reason, so tools read these exact strings.
public enum PauseReason {
    /// A canary `pause` step.
    public static let canaryPauseStep = "CanaryPauseStep"
    /// Blue-green waiting for promotion (`autoPromotionEnabled: false` or before `autoPromotionSeconds`).
    public static let blueGreenPause = "BlueGreenPause"
    /// An AnalysisRun ended inconclusive.
    public static let inconclusiveAnalysisRun = "InconclusiveAnalysisRun"
    /// An Experiment ended inconclusive.
    public static let inconclusiveExperiment = "InconclusiveExperiment"
}
