public import KubeAPI

/// A run's arguments with their values: inline `value`s, Secret keys (through `secret`), and
/// `fieldRef`s read from the run itself (the Rollout resolves its own before creating a run, so
/// these are for runs written by hand). Secret values are remembered so they can be redacted.
public struct RunArguments: Sendable {
    public var arguments: [AnalysisArgument]
    /// The values that came from Secrets: never shown in messages, events or logs.
    public var secretValues: [String]

    /// Replaces every secret value in `text` with `*****`.
    public func redact(_ text: String) -> String {
        var text = text
        for secret in secretValues where !secret.isEmpty {
            text = text.replacing(secret, with: "*****")
        }
        return text
    }

    public static func resolve(
        _ run: AnalysisRun,
        secret: (SecretKeyRef) throws(AnalysisSpecError) -> String
    ) throws(AnalysisSpecError) -> RunArguments {
        var resolved = RunArguments(arguments: [], secretValues: [])
        var object: JSONValue?
        for var argument in run.spec.args ?? [] {
            if let reference = argument.valueFrom?.secretKeyRef {
                let value = try secret(reference)
                if value != AnalysisArguments.secretPlaceholder { resolved.secretValues.append(value) }
                argument.value = value
            } else if argument.value == nil, let path = argument.valueFrom?.fieldRef?.fieldPath {
                if object == nil {
                    do {
                        object = try KubeJSON.encodeValue(run)
                    } catch {
                        throw AnalysisSpecError("cannot read fields of the run: \(KubeJSON.describe(error))")
                    }
                }
                argument.value = try FieldPath.value(at: path, in: object ?? .null, kind: "analysisrun")
            }
            resolved.arguments.append(argument)
        }
        return resolved
    }

    /// The arguments with Secrets replaced by a placeholder, for decisions that must not read them.
    public static func withoutSecrets(_ run: AnalysisRun) throws(AnalysisSpecError) -> RunArguments {
        try resolve(run) { _ throws(AnalysisSpecError) in AnalysisArguments.secretPlaceholder }
    }
}
