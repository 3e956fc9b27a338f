import FoundationEssentials
public import KubeAPI

/// One page of a list: the stored JSON of each item, and where the next page starts.
public struct ListPage: Sendable {
    public var items: [[UInt8]]
    public var resourceVersion: UInt64
    public var continueToken: String?
    public var remainingItemCount: Int?
}

extension ClusterStore {
    /// Lists objects sorted by namespace and name, filtered by selectors, `limit` items at a time.
    ///
    /// The continue token carries the version of the first page; once the history window no longer covers
    /// it the token is refused with `410 Gone`, as the real server does when etcd has compacted it.
    public func list(
        _ resource: ServedResource,
        namespace: String?,
        labelSelector: Selector = .everything,
        fieldSelector: FieldSelector = .everything,
        limit: Int? = nil,
        continueToken: String? = nil
    ) throws(APIError) -> ListPage {
        var start: ObjectID?
        var listVersion = resourceVersion
        if let continueToken, !continueToken.isEmpty {
            let token = try ContinueToken(decoding: continueToken)
            if token.resourceVersion < oldestResumableVersion {
                throw APIError.gone(
                    "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter."
                )
            }
            start = token.after
            listVersion = token.resourceVersion
        }
        let scoped = resource.descriptor.namespaced ? namespace.flatMap { $0.isEmpty ? nil : $0 } : nil
        var matching: [(ObjectID, StoredObject)] = []
        for (id, object) in objects[resource.resourceID] ?? [:] {
            if let scoped, id.namespace != scoped { continue }
            if let start, !(start < id) { continue }
            guard fieldSelector.matches(id), labelSelector.matches(object.labels) else { continue }
            matching.append((id, object))
        }
        matching.sort { $0.0 < $1.0 }
        guard let limit, limit > 0, matching.count > limit else {
            return ListPage(
                items: matching.map(\.1.bytes),
                resourceVersion: listVersion,
                continueToken: nil,
                remainingItemCount: nil
            )
        }
        let page = matching.prefix(limit)
        let token = ContinueToken(resourceVersion: listVersion, after: page[page.index(before: page.endIndex)].0)
        return ListPage(
            items: page.map(\.1.bytes),
            resourceVersion: listVersion,
            continueToken: token.encoded,
            remainingItemCount: matching.count - limit
        )
    }
}

/// The opaque `continue` value: the list's version and the last key returned.
struct ContinueToken {
    var resourceVersion: UInt64
    var after: ObjectID

    var encoded: String {
        let plain = "\(resourceVersion)|\(after.namespace)|\(after.name)"
        return Data(plain.utf8).base64EncodedString()
    }

    init(resourceVersion: UInt64, after: ObjectID) {
        self.resourceVersion = resourceVersion
        self.after = after
    }

    init(decoding token: String) throws(APIError) {
        guard let data = Data(base64Encoded: token), let plain = String(data: data, encoding: .utf8) else {
            throw APIError.badRequest("continue key is not valid: illegal base64 data")
        }
        let parts = plain.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 3, let version = UInt64(parts[0]) else {
            throw APIError.badRequest("continue key is not valid: incorrect encoded start resourceVersion")
        }
        self.resourceVersion = version
        self.after = ObjectID(namespace: String(parts[1]), name: String(parts[2]))
    }
}
