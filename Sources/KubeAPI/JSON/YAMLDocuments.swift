internal import Yams

/// Why a YAML manifest could not be read, with the position libyaml reported.
public struct YAMLSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var line: Int?
    public var column: Int?

    public var description: String {
        if let line, let column { return "invalid YAML at line \(line), column \(column): \(message)" }
        return "invalid YAML: \(message)"
    }
}

/// Reads YAML manifests (one or many `---` documents) into ``JSONValue`` trees, as kubectl does
/// before sending JSON to the API server.
///
/// Scalars follow the YAML 1.2 core schema, like sigs.k8s.io/yaml's typed path: `true`/`false`
/// are booleans, `null`/`~`/empty are null, numbers are numbers, and everything else — including
/// `yes`, `on`, dates and anything quoted — stays a string.
public enum YAMLDocuments {
    public static func parse(_ text: String) throws(YAMLSyntaxError) -> [JSONValue] {
        do {
            var documents: [JSONValue] = []
            var sequence = try Yams.compose_all(yaml: text, Resolver.basic)
            while let node = sequence.next() {
                documents.append(try convert(node))
            }
            if let error = sequence.error { throw error }
            // `---` separators with nothing between them yield nulls; they are not objects.
            return documents.filter { !$0.isNull }
        } catch let error as YAMLSyntaxError {
            throw error
        } catch let error as YamlError {
            throw describe(error)
        } catch {
            throw YAMLSyntaxError(message: String(describing: error), line: nil, column: nil)
        }
    }

    /// Parses exactly one document (a request body); several documents are an error.
    public static func parseSingle(_ text: String) throws(YAMLSyntaxError) -> JSONValue {
        let documents = try parse(text)
        guard documents.count <= 1 else {
            throw YAMLSyntaxError(message: "expected one document, found \(documents.count)", line: nil, column: nil)
        }
        return documents.first ?? .null
    }

    private static func describe(_ error: YamlError) -> YAMLSyntaxError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            let message = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            return YAMLSyntaxError(message: message, line: mark.line, column: mark.column)
        case .composer(let context, let problem, let mark, _):
            let message = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            return YAMLSyntaxError(message: message, line: mark.line, column: mark.column)
        default:
            return YAMLSyntaxError(message: String(describing: error), line: nil, column: nil)
        }
    }

    private static func convert(_ node: Node) throws -> JSONValue {
        switch node {
        case .scalar(let scalar):
            return convertScalar(scalar)
        case .sequence(let sequence):
            return .array(try sequence.map(convert))
        case .mapping(let mapping):
            var object = JSONObject()
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw YAMLSyntaxError(
                        message: "mapping keys must be scalars",
                        line: key.mark.map { $0.line },
                        column: key.mark.map { $0.column }
                    )
                }
                object[keyScalar.string] = try convert(value)
            }
            return .object(object)
        case .alias:
            throw YAMLSyntaxError(
                message: "aliases are not supported",
                line: node.mark?.line,
                column: node.mark?.column
            )
        }
    }

    private static func convertScalar(_ scalar: Node.Scalar) -> JSONValue {
        let text = scalar.string
        guard scalar.style == .plain || scalar.style == .any else { return .string(text) }
        if scalar.tag.rawValue == Tag.Name.str.rawValue { return .string(text) }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if let number = yamlNumber(text) { return .number(number) }
        return .string(text)
    }

    /// YAML 1.2 core-schema numbers, rendered as JSON number text.
    private static func yamlNumber(_ text: String) -> JSONNumber? {
        if let int = Int64(text) { return JSONNumber(int) }
        if text.hasPrefix("0x"), let int = Int64(text.dropFirst(2), radix: 16) { return JSONNumber(int) }
        if text.hasPrefix("0o"), let int = Int64(text.dropFirst(2), radix: 8) { return JSONNumber(int) }
        let body = text.first == "-" || text.first == "+" ? text.dropFirst() : Substring(text)
        guard let first = body.first, first.isASCII, first.isNumber || first == "." else { return nil }
        guard body.allSatisfy({ $0.isASCII && ($0.isNumber || "eE.+-".contains($0)) }) else { return nil }
        guard let double = Double(text), double.isFinite else { return nil }
        return (try? JSONParser.parse(text.hasPrefix("+") ? String(text.dropFirst()) : text))?.numberValue
            ?? JSONNumber(double)
    }
}
