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
    /// Vane's: the next gate (an analysis, an experiment, a step plugin) is one this version cannot
    /// evaluate, so the rollout holds in front of it until an operator promotes past it. The
    /// `Paused` condition's message names the field.
    public static let unsupportedGate = "UnsupportedGate"
}
