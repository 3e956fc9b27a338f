public import KubeAPI

/// Reading a canary's step list: the weight in force at a step, how a step is named in events, and
/// the step hash that tells the controller the steps were edited.
public enum CanarySteps {
    /// The weight at step `index`: the last `setWeight` at or before it (0 before any); 100 once
    /// every step is done. A missing index means the first step.
    public static func weight(_ steps: [CanaryStep], at index: Int32?) -> Int32 {
        let index = Int(index ?? 0)
        guard index < steps.count else { return 100 }
        return steps[...max(index, 0)].last(where: { $0.setWeight != nil })?.setWeight ?? 0
    }

    /// `status.currentStepHash`: the FNV-1a hash of the steps' JSON (`null` without steps), safe
    /// encoded — the incumbent's value for the same steps, so migrating does not restart them.
    public static func hash(_ steps: [CanaryStep]?) -> String {
        let value = steps.flatMap { try? KubeJSON.encodeValue($0) } ?? .null
        return PodTemplateHash.safeEncodedFNV(JSONSerializer.serialize(value))
    }

    /// How events name a step: `setWeight: 20`, `pause`, `pause: 30s`, `analysis` …
    public static func describe(_ step: CanaryStep) -> String {
        if let weight = step.setWeight { return "setWeight: \(weight)" }
        if let pause = step.pause {
            guard let duration = pause.duration else { return "pause" }
            switch duration {
            case .int(let seconds): return "pause: \(seconds)"
            case .string(let text): return "pause: \(text)"
            }
        }
        if step.setCanaryScale != nil { return "setCanaryScale" }
        if step.experiment != nil { return "experiment" }
        if step.analysis != nil { return "analysis" }
        if step.setHeaderRoute != nil { return "setHeaderRoute" }
        if step.setMirrorRoute != nil { return "setMirrorRoute" }
        if step.plugin != nil { return "plugin" }
        return "unknown step"
    }

    /// Steps that wait on something other than replicas (a pause, an analysis, an experiment): the
    /// progress deadline does not run while one of them is current.
    static func isIndefinite(_ step: CanaryStep) -> Bool {
        step.pause != nil || step.analysis != nil || step.experiment != nil
    }
}
