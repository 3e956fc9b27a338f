/// Arguments of analysis templates and runs: merging what a Rollout passes into what templates
/// declare, and substituting `{{args.NAME}}` into every string of a metric.
public enum AnalysisArguments {
    /// What secret-backed arguments are replaced with where their value is not needed (validation,
    /// which must not read Secrets).
    public static let secretPlaceholder = "temp-for-secret"

    /// The template's arguments with the values of `incoming` ones of the same name; every argument
    /// must end up with a `value` or a `valueFrom` ("args.NAME was not resolved"). Incoming
    /// arguments the templates do not declare are dropped, as the incumbent does.
    public static func merge(
        _ incoming: [AnalysisArgument],
        into templateArguments: [AnalysisArgument]
    ) throws(AnalysisSpecError) -> [AnalysisArgument] {
        var merged = templateArguments
        for argument in incoming {
            guard let index = merged.firstIndex(where: { $0.name == argument.name }) else { continue }
            if let value = argument.value {
                merged[index].value = value
            } else if let valueFrom = argument.valueFrom {
                merged[index].valueFrom = valueFrom
            }
        }
        for argument in merged where argument.value == nil && argument.valueFrom == nil {
            throw AnalysisSpecError("args.\(argument.name) was not resolved")
        }
        return merged
    }

    /// The arguments with every Secret reference replaced by ``secretPlaceholder``.
    public static func withSecretPlaceholders(_ arguments: [AnalysisArgument]) -> [AnalysisArgument] {
        arguments.map { argument in
            guard argument.valueFrom?.secretKeyRef != nil else { return argument }
            return AnalysisArgument(name: argument.name, value: secretPlaceholder)
        }
    }

    /// `metric` with `{{args.NAME}}` (spaces inside the braces allowed) replaced in every string of
    /// it, provider fields included. Every argument must have a `value` by now ("argument "x" was
    /// not supplied"), and every `{{…}}` must name one ("failed to resolve {{args.x}}").
    public static func resolve(_ metric: Metric, with arguments: [AnalysisArgument]) throws(AnalysisSpecError) -> Metric
    {
        var values: [String: String] = [:]
        for argument in arguments {
            guard let value = argument.value else {
                throw AnalysisSpecError("argument \"\(argument.name)\" was not supplied")
            }
            values["args.\(argument.name)"] = value
        }
        let tree: JSONValue
        do {
            tree = try KubeJSON.encodeValue(metric)
        } catch {
            throw AnalysisSpecError("metric \(metric.name) cannot be encoded: \(KubeJSON.describe(error))")
        }
        let substituted = try substitute(in: tree, values: values)
        do {
            return try KubeJSON.decode(Metric.self, from: substituted)
        } catch {
            throw AnalysisSpecError("metric \(metric.name) after argument substitution: \(KubeJSON.describe(error))")
        }
    }

    private static func substitute(in value: JSONValue, values: [String: String]) throws(AnalysisSpecError) -> JSONValue
    {
        switch value {
        case .string(let text):
            return .string(try substitute(text, values: values))
        case .array(let elements):
            var result: [JSONValue] = []
            result.reserveCapacity(elements.count)
            for element in elements { result.append(try substitute(in: element, values: values)) }
            return .array(result)
        case .object(let object):
            var pairs: [(String, JSONValue)] = []
            for field in object {
                pairs.append(
                    (try substitute(field.key, values: values), try substitute(in: field.value, values: values))
                )
            }
            return .object(JSONObject(pairs))
        default:
            return value
        }
    }

    /// Replaces each `{{tag}}` in `text`; a tag that is not an argument is an error.
    public static func substitute(_ text: String, values: [String: String]) throws(AnalysisSpecError) -> String {
        guard text.contains("{{") else { return text }
        var output = ""
        var rest = Substring(text)
        while let open = rest.firstRange(of: "{{") {
            guard let close = rest[open.upperBound...].firstRange(of: "}}") else { break }
            output += rest[..<open.lowerBound]
            let tag = rest[open.upperBound..<close.lowerBound]
            let trimmed = String(tag.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
            guard let value = values[trimmed] else { throw AnalysisSpecError("failed to resolve {{\(tag)}}") }
            output += value
            rest = rest[close.upperBound...]
        }
        output += rest
        return output
    }
}
