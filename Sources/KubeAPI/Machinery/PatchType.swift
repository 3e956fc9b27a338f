/// The kinds of PATCH the API server accepts, named by the request's `Content-Type`.
public enum PatchType: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// RFC 7386 JSON merge patch: objects merge, `null` deletes, arrays are replaced.
    case merge
    /// RFC 6902 JSON patch: a list of operations (`add`, `remove`, `replace`, `test`, ...).
    case json
    /// Kubernetes' strategic merge patch: lists merge by key for built-in kinds.
    case strategic
    /// Server-side apply.
    case apply

    /// The `Content-Type` header value for this patch type.
    public var contentType: String {
        switch self {
        case .merge: "application/merge-patch+json"
        case .json: "application/json-patch+json"
        case .strategic: "application/strategic-merge-patch+json"
        case .apply: "application/apply-patch+yaml"
        }
    }

    /// The patch type for a `Content-Type` header; parameters such as `; charset=utf-8` are ignored.
    public init?(contentType: String) {
        let mediaType = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)
            .first.map { String($0.filter { $0 != " " && $0 != "\t" }).lowercased() }
        guard let match = Self.allCases.first(where: { $0.contentType == mediaType }) else { return nil }
        self = match
    }

    public var description: String { contentType }
}
