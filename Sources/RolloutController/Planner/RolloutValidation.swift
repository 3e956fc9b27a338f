public import KubeAPI

/// One problem in a Rollout spec, with the field path people need to find it.
public struct ValidationProblem: Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public var description: String { "\(path): \(message)" }
}

/// The checks behind the `InvalidSpec` condition — the same code `vane lint` runs offline, so the
/// linter and the controller can never disagree.
public enum RolloutValidation {
    public static func problems(in rollout: Rollout) -> [ValidationProblem] {
        var problems: [ValidationProblem] = []
        func add(_ path: String, _ message: String) { problems.append(ValidationProblem(path: path, message: message)) }
        let spec = rollout.spec
        if let replicas = spec.replicas, replicas < 0 {
            add("spec.replicas", "must be greater than or equal to 0, got \(replicas)")
        }
        if spec.workloadRef == nil {
            if let selector = spec.selector {
                do {
                    let parsed = try Selector(selector)
                    if parsed.isEverything { add("spec.selector", "empty selector is invalid for a Rollout") }
                    if let labels = spec.template?.metadata?.labels, !parsed.matches(labels) {
                        add("spec.selector", "selector does not match template labels")
                    }
                } catch {
                    add("spec.selector", "\(error)")
                }
            } else {
                add("spec.selector", "required unless spec.workloadRef is set")
            }
            if spec.template == nil { add("spec.template", "required unless spec.workloadRef is set") }
            if spec.template?.spec?.containers.isEmpty ?? false {
                add("spec.template.spec.containers", "must have at least one container")
            }
        } else if spec.template?.spec != nil {
            add("spec.template", "must not be set together with spec.workloadRef")
        }
        for (path, value) in [
            ("spec.minReadySeconds", spec.minReadySeconds), ("spec.revisionHistoryLimit", spec.revisionHistoryLimit),
            ("spec.progressDeadlineSeconds", spec.progressDeadlineSeconds),
        ] {
            if let value, value < 0 { add(path, "must be greater than or equal to 0, got \(value)") }
        }
        let deadline = spec.progressDeadlineSeconds ?? 600
        if let minReady = spec.minReadySeconds, deadline <= minReady {
            add(
                "spec.progressDeadlineSeconds",
                "must be greater than spec.minReadySeconds (\(minReady)), got \(deadline)"
            )
        }
        switch (spec.strategy?.canary, spec.strategy?.blueGreen) {
        case (nil, nil): add("spec.strategy", "one of canary or blueGreen is required")
        case (.some, .some): add("spec.strategy", "canary and blueGreen are mutually exclusive")
        case (let canary?, nil): problems += canaryProblems(canary)
        case (nil, let blueGreen?):
            if (blueGreen.activeService ?? "").isEmpty { add("spec.strategy.blueGreen.activeService", "required") }
            if let preview = blueGreen.previewService, preview == blueGreen.activeService {
                add("spec.strategy.blueGreen.previewService", "must differ from activeService")
            }
        }
        return problems
    }

    static func canaryProblems(_ canary: CanaryStrategy) -> [ValidationProblem] {
        var problems: [ValidationProblem] = []
        func add(_ path: String, _ message: String) { problems.append(ValidationProblem(path: path, message: message)) }
        let prefix = "spec.strategy.canary"
        let surge = canary.maxSurge.map(parse)
        let unavailable = canary.maxUnavailable.map(parse)
        if case .failure(let message)? = surge { add("\(prefix).maxSurge", message.text) }
        if case .failure(let message)? = unavailable { add("\(prefix).maxUnavailable", message.text) }
        if case .success(let s)? = surge, case .success(let u)? = unavailable, isZero(s), isZero(u) {
            add("\(prefix).maxUnavailable", "maxSurge and maxUnavailable cannot both be 0")
        }
        if let stable = canary.stableService, stable == canary.canaryService, !stable.isEmpty {
            add("\(prefix).stableService", "must differ from canaryService")
        }
        for (index, step) in (canary.steps ?? []).enumerated() {
            let path = "\(prefix).steps[\(index)]"
            let actions = [
                step.setWeight != nil, step.pause != nil, step.setCanaryScale != nil, step.analysis != nil,
                step.experiment != nil,
                step.setHeaderRoute != nil, step.setMirrorRoute != nil, step.plugin != nil,
            ].filter { $0 }.count
            if actions != 1 {
                add(
                    path,
                    actions == 0
                        ? "a step must have one of setWeight, pause, setCanaryScale, analysis, experiment, setHeaderRoute, setMirrorRoute, plugin"
                        : "a step must have only one action"
                )
            }
            if let weight = step.setWeight, !(0...100).contains(weight) {
                add("\(path).setWeight", "must be between 0 and 100, got \(weight)")
            }
            if let duration = step.pause?.duration, pauseDuration(duration) == nil {
                add(
                    "\(path).pause.duration",
                    "invalid duration \"\(duration)\": use a number of seconds or a duration like 30s, 5m, 1h"
                )
            }
            if let scale = step.setCanaryScale {
                let set = [scale.weight != nil, scale.replicas != nil, scale.matchTrafficWeight == true].filter { $0 }
                    .count
                if set != 1 {
                    add("\(path).setCanaryScale", "exactly one of weight, replicas or matchTrafficWeight is required")
                }
                if let weight = scale.weight, !(0...100).contains(weight) {
                    add("\(path).setCanaryScale.weight", "must be between 0 and 100, got \(weight)")
                }
                if let replicas = scale.replicas, replicas < 0 {
                    add("\(path).setCanaryScale.replicas", "must be greater than or equal to 0, got \(replicas)")
                }
            }
            if step.setHeaderRoute != nil || step.setMirrorRoute != nil, canary.trafficRouting == nil {
                add(path, "setHeaderRoute and setMirrorRoute need spec.strategy.canary.trafficRouting")
            }
            if step.setCanaryScale != nil, canary.trafficRouting == nil {
                add(
                    "\(path).setCanaryScale",
                    "needs spec.strategy.canary.trafficRouting (without a traffic router the weight is the replica count)"
                )
            }
        }
        if canary.trafficRouting == nil {
            if canary.scaleDownDelaySeconds != nil {
                add("\(prefix).scaleDownDelaySeconds", "can only be used with trafficRouting")
            }
            if canary.dynamicStableScale == true {
                add("\(prefix).dynamicStableScale", "can only be used with trafficRouting")
            }
        }
        return problems
    }

    /// Problems with what the spec refers to, found only with the cluster's objects at hand: a
    /// Service the canary names that does not exist, selects pods the template does not make, or is
    /// already managed by another Rollout.
    public static func referenceProblems(in rollout: Rollout, services: [String: Service]) -> [ValidationProblem] {
        guard let canary = rollout.spec.strategy?.canary else { return [] }
        var problems: [ValidationProblem] = []
        let templateLabels = rollout.spec.template?.metadata?.labels ?? [:]
        for (field, name) in [("stableService", canary.stableService), ("canaryService", canary.canaryService)] {
            guard let name, !name.isEmpty else { continue }
            let path = "spec.strategy.canary.\(field)"
            guard let service = services[name] else {
                problems.append(ValidationProblem(path: path, message: "service \"\(name)\" not found"))
                continue
            }
            for (key, value) in (service.spec.selector ?? [:]).sorted(by: { $0.key < $1.key })
            where key != ArgoLabels.podTemplateHash && templateLabels[key] != value {
                problems.append(
                    ValidationProblem(
                        path: path,
                        message: "service \"\(name)\" selects \(key)=\(value), a label the pod template does not have"
                    )
                )
            }
            if let manager = service.metadata.annotations?[ArgoAnnotations.managedByRollouts],
                manager != rollout.metadata.name
            {
                problems.append(
                    ValidationProblem(
                        path: path,
                        message: "service \"\(name)\" is managed by another Rollout (\(manager))"
                    )
                )
            }
        }
        return problems
    }

    /// Parses `maxSurge` / `maxUnavailable`.
    static func parse(_ value: IntOrString) -> Result<IntOrPercent, Message> {
        switch value {
        case .int(let count):
            return count < 0
                ? .failure(Message("must be greater than or equal to 0, got \(count)")) : .success(.count(count))
        case .string(let text):
            if text.hasSuffix("%"), let percent = Int(text.dropLast()), (0...100).contains(percent) {
                return .success(.percent(percent))
            }
            if let count = Int(text), count >= 0 { return .success(.count(count)) }
            return .failure(Message("must be an integer or a percentage between 0% and 100%, got \"\(text)\""))
        }
    }

    private static func isZero(_ value: IntOrPercent) -> Bool {
        switch value {
        case .count(let count): count == 0
        case .percent(let percent): percent == 0
        }
    }

    /// A pause duration: plain seconds (int or string) or a Go-style duration.
    public static func pauseDuration(_ value: IntOrString) -> Duration? {
        switch value {
        case .int(let seconds): return seconds >= 0 ? .seconds(seconds) : nil
        case .string(let text):
            if let seconds = Int(text) { return seconds >= 0 ? .seconds(seconds) : nil }
            return (try? KubeDuration(parsing: text))?.duration
        }
    }

    struct Message: Error {
        var text: String
        init(_ text: String) { self.text = text }
    }
}

extension Result where Failure == RolloutValidation.Message {
    static func failure(_ text: String) -> Self { .failure(RolloutValidation.Message(text)) }
}

extension RolloutValidation.Message: CustomStringConvertible {
    var description: String { text }
}
