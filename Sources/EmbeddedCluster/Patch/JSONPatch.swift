import KubeAPI

/// JSON patch (RFC 6902): add, remove, replace, move, copy and test, addressed with JSON pointers.
enum JSONPatch {
    static func apply(_ patch: JSONValue, to target: JSONValue) throws(APIError) -> JSONValue {
        guard let operations = patch.arrayValue else {
            throw APIError.badRequest(
                "the server rejected our request due to an error in our request: json: cannot unmarshal object into Go value of type jsonpatch.Patch"
            )
        }
        var document = target
        for (index, operation) in operations.enumerated() {
            guard let op = operation["op"]?.stringValue else {
                throw APIError.badRequest(
                    "the server rejected our request due to an error in our request: operation \(index) has no \"op\""
                )
            }
            guard let path = operation["path"]?.stringValue else {
                throw APIError.badRequest(
                    "the server rejected our request due to an error in our request: operation \(index) (\(op)) has no \"path\""
                )
            }
            let pointer = try parsePointer(path)
            switch op {
            case "add":
                document = try insert(try value(of: operation, op: op), at: pointer, in: document, replacing: false)
            case "replace":
                _ = try read(pointer, in: document, op: op, path: path)
                document = try insert(try value(of: operation, op: op), at: pointer, in: document, replacing: true)
            case "remove":
                document = try removing(pointer, from: document, path: path)
            case "move", "copy":
                guard let from = operation["from"]?.stringValue else {
                    throw APIError.badRequest(
                        "the server rejected our request due to an error in our request: \(op) operation has no \"from\""
                    )
                }
                let fromPointer = try parsePointer(from)
                let moved = try read(fromPointer, in: document, op: op, path: from)
                if op == "move" { document = try removing(fromPointer, from: document, path: from) }
                document = try insert(moved, at: pointer, in: document, replacing: false)
            case "test":
                let actual = try read(pointer, in: document, op: op, path: path)
                guard actual == (try value(of: operation, op: op)) else {
                    throw APIError(
                        code: 422,
                        reason: StatusReason.invalid,
                        message:
                            "the server rejected our request due to an error in our request: testing value \(path) failed: test failed"
                    )
                }
            default:
                throw APIError.badRequest(
                    "the server rejected our request due to an error in our request: Unexpected kind: \(op)"
                )
            }
        }
        return document
    }

    private static func value(of operation: JSONValue, op: String) throws(APIError) -> JSONValue {
        guard let value = operation["value"] else {
            throw APIError.badRequest(
                "the server rejected our request due to an error in our request: \(op) operation does not apply: missing value"
            )
        }
        return value
    }

    static func parsePointer(_ path: String) throws(APIError) -> [String] {
        if path.isEmpty { return [] }
        guard path.hasPrefix("/") else {
            throw APIError.badRequest(
                "the server rejected our request due to an error in our request: JSON pointer must be empty or start with a \"/\": \(path)"
            )
        }
        return path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            String($0).replacing("~1", with: "/").replacing("~0", with: "~")
        }
    }

    private static func read(
        _ pointer: [String],
        in document: JSONValue,
        op: String,
        path: String
    ) throws(APIError) -> JSONValue {
        var current = document
        for token in pointer {
            switch current {
            case .object(let object):
                guard let next = object[token] else { throw missing(op: op, path: path) }
                current = next
            case .array(let array):
                guard let index = Int(token), array.indices.contains(index) else { throw missing(op: op, path: path) }
                current = array[index]
            default:
                throw missing(op: op, path: path)
            }
        }
        return current
    }

    private static func missing(op: String, path: String) -> APIError {
        APIError(
            code: 422,
            reason: StatusReason.invalid,
            message:
                "the server rejected our request due to an error in our request: \(op) operation does not apply: doc is missing path: \"\(path)\": missing value"
        )
    }

    private static func insert(
        _ value: JSONValue,
        at pointer: [String],
        in document: JSONValue,
        replacing: Bool
    ) throws(APIError) -> JSONValue {
        guard let token = pointer.first else { return value }
        let rest = Array(pointer.dropFirst())
        let path = "/" + pointer.joined(separator: "/")
        switch document {
        case .object(var object):
            if rest.isEmpty {
                object[token] = value
            } else {
                guard let child = object[token] else { throw missing(op: "add", path: path) }
                object[token] = try insert(value, at: rest, in: child, replacing: replacing)
            }
            return .object(object)
        case .array(var array):
            if rest.isEmpty {
                if token == "-" && !replacing {
                    array.append(value)
                } else if let index = Int(token), index >= 0, replacing ? index < array.count : index <= array.count {
                    if replacing { array[index] = value } else { array.insert(value, at: index) }
                } else {
                    throw missing(op: replacing ? "replace" : "add", path: path)
                }
            } else {
                guard let index = Int(token), array.indices.contains(index) else {
                    throw missing(op: "add", path: path)
                }
                array[index] = try insert(value, at: rest, in: array[index], replacing: replacing)
            }
            return .array(array)
        default:
            throw missing(op: replacing ? "replace" : "add", path: path)
        }
    }

    private static func removing(
        _ pointer: [String],
        from document: JSONValue,
        path: String
    ) throws(APIError) -> JSONValue {
        guard let token = pointer.first else { throw missing(op: "remove", path: path) }
        let rest = Array(pointer.dropFirst())
        switch document {
        case .object(var object):
            guard let child = object[token] else { throw missing(op: "remove", path: path) }
            if rest.isEmpty {
                _ = object.removeValue(forKey: token)
            } else {
                object[token] = try removing(rest, from: child, path: path)
            }
            return .object(object)
        case .array(var array):
            guard let index = Int(token), array.indices.contains(index) else { throw missing(op: "remove", path: path) }
            if rest.isEmpty {
                array.remove(at: index)
            } else {
                array[index] = try removing(rest, from: array[index], path: path)
            }
            return .array(array)
        default:
            throw missing(op: "remove", path: path)
        }
    }
}
