import KubeAPI

/// What a request path addresses, decoded the way the real API server routes it.
enum RequestTarget: Equatable {
    case version
    case health
    case coreGroup  // /api
    case groupList  // /apis
    case group(String)  // /apis/{group}
    case resourceList(GroupVersion)  // /api/v1, /apis/{group}/{version}
    case collection(GroupVersion, plural: String, namespace: String?)
    case object(GroupVersion, plural: String, namespace: String?, name: String, subresource: String?)
    case openAPIv2  // /openapi/v2
    case openAPIIndex  // /openapi/v3
    case openAPIDocument(GroupVersion)  // /openapi/v3/apis/{group}/{version}
    case unknown

    init(path: String) {
        let segments = path.split(separator: "/").map { String($0).removingPercentEscapes() }
        switch segments.first {
        case "version": self = segments.count == 1 ? .version : .unknown
        case "healthz", "livez", "readyz": self = .health
        case "openapi" where segments.count == 2 && segments[1] == "v2":
            self = .openAPIv2
        case "openapi":
            switch segments.dropFirst().first == "v3" ? Array(segments.dropFirst(2)) : nil {
            case []?: self = .openAPIIndex
            case let rest? where rest.count == 2 && rest[0] == "api":
                self = .openAPIDocument(GroupVersion(group: "", version: rest[1]))
            case let rest? where rest.count == 3 && rest[0] == "apis":
                self = .openAPIDocument(GroupVersion(group: rest[1], version: rest[2]))
            default: self = .unknown
            }
        case "api":
            guard segments.count > 1 else {
                self = .coreGroup
                return
            }
            self = Self.resourcePath(GroupVersion(group: "", version: segments[1]), Array(segments.dropFirst(2)))
        case "apis":
            switch segments.count {
            case 1: self = .groupList
            case 2: self = .group(segments[1])
            default:
                self = Self.resourcePath(
                    GroupVersion(group: segments[1], version: segments[2]),
                    Array(segments.dropFirst(3))
                )
            }
        default: self = .unknown
        }
    }

    private static func resourcePath(_ gv: GroupVersion, _ rest: [String]) -> RequestTarget {
        switch rest.count {
        case 0: return .resourceList(gv)
        case 1: return .collection(gv, plural: rest[0], namespace: nil)
        case 2:
            if rest[0] == "namespaces" {
                return .object(gv, plural: "namespaces", namespace: nil, name: rest[1], subresource: nil)
            }
            return .object(gv, plural: rest[0], namespace: nil, name: rest[1], subresource: nil)
        case 3:
            if rest[0] == "namespaces" {
                // `/namespaces/{name}/status` is the namespace's own subresource; otherwise a collection.
                if ["status", "finalize"].contains(rest[2]) {
                    return .object(gv, plural: "namespaces", namespace: nil, name: rest[1], subresource: rest[2])
                }
                return .collection(gv, plural: rest[2], namespace: rest[1])
            }
            return .object(gv, plural: rest[0], namespace: nil, name: rest[1], subresource: rest[2])
        case 4 where rest[0] == "namespaces":
            return .object(gv, plural: rest[2], namespace: rest[1], name: rest[3], subresource: nil)
        case 5 where rest[0] == "namespaces":
            return .object(gv, plural: rest[2], namespace: rest[1], name: rest[3], subresource: rest[4])
        default:
            return .unknown
        }
    }
}

extension String {
    /// Decodes `%XX` escapes in a path segment (object names never need them, but clients may send them).
    func removingPercentEscapes() -> String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
