import Hummingbird
import KubeAPI

/// Request bodies as the handlers need them: objects (JSON or YAML), patches, delete options.
extension APIServerResponder {
    func readBody(_ request: Request) async throws -> [UInt8] {
        var request = request
        do {
            let buffer = try await request.collectBody(upTo: maximumBodySize)
            return Array(buffer.readableBytesView)
        } catch {
            throw APIError.tooLarge("Request entity too large: limit is \(maximumBodySize)")
        }
    }

    /// A JSON or YAML object body.
    func readObject(_ request: Request) async throws -> JSONValue {
        let bytes = try await readBody(request)
        let contentType = request.headers[.contentType] ?? "application/json"
        let value: JSONValue
        do {
            if contentType.hasPrefix("application/yaml") || contentType.hasPrefix("application/x-yaml") {
                value = try YAMLDocuments.parseSingle(String(decoding: bytes, as: UTF8.self))
            } else {
                value = try JSONParser.parse(bytes)
            }
        } catch {
            throw APIError.badRequest("the body of the request could not be decoded: \(error)")
        }
        guard value.objectValue != nil else {
            throw APIError.badRequest("the body of the request must be a JSON object, found \(value.typeName)")
        }
        return value
    }

    func readPatch(_ request: Request, resource: ServedResource) async throws -> PatchDocument {
        let contentType =
            (request.headers[.contentType] ?? "").split(separator: ";").first.map { String($0).trimmingSpaces() } ?? ""
        let kind: PatchDocument.Kind
        switch contentType {
        case "application/merge-patch+json": kind = .merge
        case "application/json-patch+json": kind = .json
        case "application/strategic-merge-patch+json":
            guard resource.isBuiltIn else { throw APIError.unsupportedMediaType(contentType) }
            kind = .strategic
        default:
            throw APIError.unsupportedMediaType(contentType)
        }
        let bytes = try await readBody(request)
        do {
            return PatchDocument(kind: kind, body: try JSONParser.parse(bytes))
        } catch {
            throw APIError.badRequest("the body of the request could not be decoded: \(error)")
        }
    }

    func deletionOptions(_ request: Request, query: QueryParameters) async throws -> DeletionOptions {
        let bytes = try await readBody(request)
        var options = try DeletionOptions(body: bytes.isEmpty ? nil : try? JSONParser.parse(bytes))
        if let policy = query["propagationPolicy"] { options.propagation = try DeletionOptions.propagation(policy) }
        return options
    }
}

extension DeletionOptions {
    /// The options a `DeleteOptions` body (or an Eviction's `deleteOptions`) carries.
    init(body: JSONValue?) throws(APIError) {
        self.init()
        guard let body else { return }
        if let policy = body["propagationPolicy"]?.stringValue { propagation = try Self.propagation(policy) }
        if body["orphanDependents"]?.boolValue == true { propagation = .orphan }
        preconditionUID = body[path: "preconditions", "uid"]?.stringValue
        preconditionResourceVersion = body[path: "preconditions", "resourceVersion"]?.stringValue
    }

    static func propagation(_ text: String) throws(APIError) -> Propagation {
        guard let policy = Propagation(rawValue: text) else {
            throw APIError.badRequest(
                "propagationPolicy: Unsupported value: \"\(text)\": supported values: \"Foreground\", \"Background\", \"Orphan\""
            )
        }
        return policy
    }
}

/// A parsed PATCH body and the flavour of patch it is.
struct PatchDocument: Sendable {
    enum Kind: Sendable { case merge, json, strategic }
    var kind: Kind
    var body: JSONValue

    func apply(to target: JSONValue) throws(APIError) -> JSONValue {
        switch kind {
        case .merge: return MergePatch.apply(body, to: target)
        case .json: return try JSONPatch.apply(body, to: target)
        case .strategic: return try StrategicMergePatch.apply(body, to: target)
        }
    }
}
