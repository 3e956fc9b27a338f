import DequeModule
public import KubeAPI

/// A change as it happened, kept in the bounded history so watches can resume from a version.
struct HistoryEntry: Sendable {
    enum EventType: String, Sendable {
        case added = "ADDED"
        case modified = "MODIFIED"
        case deleted = "DELETED"
    }

    var resourceVersion: UInt64
    var resourceID: String
    var id: ObjectID
    var type: EventType
    var bytes: [UInt8]
    var labels: [String: String]
    /// Labels before a modification, to turn selector transitions into ADDED/DELETED like the real server.
    var previousLabels: [String: String]?
}

/// One open watch: what it selects and where its events go.
struct Watcher: Sendable {
    var resourceID: String
    var namespace: String?
    var labelSelector: Selector
    var fieldSelector: FieldSelector
    var apiVersion: String
    var kind: String
    var continuation: AsyncStream<[UInt8]>.Continuation

    func selects(_ id: ObjectID, labels: [String: String]) -> Bool {
        if let namespace, id.namespace != namespace { return false }
        return fieldSelector.matches(id) && labelSelector.matches(labels)
    }

    /// What this watcher sees of `entry`, or nil: an object leaving the selector is DELETED for it,
    /// one entering it is ADDED.
    func visibleType(of entry: HistoryEntry) -> HistoryEntry.EventType? {
        guard entry.resourceID == resourceID else { return nil }
        let matchesNow = selects(entry.id, labels: entry.labels)
        switch entry.type {
        case .added: return matchesNow ? .added : nil
        case .deleted: return matchesNow ? .deleted : nil
        case .modified:
            let matchedBefore = entry.previousLabels.map { selects(entry.id, labels: $0) } ?? false
            switch (matchedBefore, matchesNow) {
            case (true, true): return .modified
            case (false, true): return .added
            case (true, false): return .deleted
            case (false, false): return nil
            }
        }
    }
}

/// Encodes watch frames: one JSON object per line, as the real server streams them.
enum WatchFrame {
    static func event(_ type: HistoryEntry.EventType, _ object: [UInt8]) -> [UInt8] {
        var frame: [UInt8] = []
        frame.reserveCapacity(object.count + 32)
        frame += Array("{\"type\":\"\(type.rawValue)\",\"object\":".utf8)
        frame += object
        frame += Array("}\n".utf8)
        return frame
    }

    static func bookmark(apiVersion: String, kind: String, resourceVersion: UInt64) -> [UInt8] {
        Array(
            "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"\(kind)\",\"apiVersion\":\"\(apiVersion)\",\"metadata\":{\"resourceVersion\":\"\(resourceVersion)\"}}}\n"
                .utf8
        )
    }

    static func error(_ status: Status) -> [UInt8] {
        var frame = Array("{\"type\":\"ERROR\",\"object\":".utf8)
        frame += (try? KubeJSON.encode(status)) ?? []
        frame += Array("}\n".utf8)
        return frame
    }
}

/// The open end of a watch: the frames to send, and the id to stop it or ask for bookmarks.
public struct WatchSubscription: Sendable {
    public var id: Int
    public var frames: AsyncStream<[UInt8]>
}

extension ClusterStore {
    /// Maximum frames buffered for one slow watcher before its stream is closed (the client re-watches).
    static let watcherBufferLimit = 50_000

    /// Opens a watch; the caller ends it with `stopWatch(_:)`. Without a version (or `0`) it starts with a synthetic ADDED for every current
    /// object; with a version it replays the history after it, or answers `410 Gone` if the history no
    /// longer reaches back that far.
    public func watch(
        _ resource: ServedResource,
        namespace: String?,
        labelSelector: Selector = .everything,
        fieldSelector: FieldSelector = .everything,
        resourceVersion since: UInt64?
    ) throws(APIError) -> WatchSubscription {
        if let since, since != 0, since < oldestResumableVersion {
            throw APIError.gone("too old resource version: \(since) (\(oldestResumableVersion))")
        }
        let scoped = resource.descriptor.namespaced ? namespace.flatMap { $0.isEmpty ? nil : $0 } : nil
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(
            bufferingPolicy: .bufferingOldest(Self.watcherBufferLimit)
        )
        let watcher = Watcher(
            resourceID: resource.resourceID,
            namespace: scoped,
            labelSelector: labelSelector,
            fieldSelector: fieldSelector,
            apiVersion: resource.descriptor.apiVersion,
            kind: resource.descriptor.kind,
            continuation: continuation
        )
        if let since, since != 0 {
            for entry in history where entry.resourceVersion > since {
                if let type = watcher.visibleType(of: entry) { continuation.yield(WatchFrame.event(type, entry.bytes)) }
            }
        } else {
            let current = (objects[resource.resourceID] ?? [:]).filter {
                watcher.selects($0.key, labels: $0.value.labels)
            }
            for (_, object) in current.sorted(by: { $0.key < $1.key }) {
                continuation.yield(WatchFrame.event(.added, object.bytes))
            }
        }
        nextWatcherID += 1
        let id = nextWatcherID
        watchers[id] = watcher
        return WatchSubscription(id: id, frames: stream)
    }

    func openWatch(
        _ resource: ServedResource,
        namespace: String?,
        labelSelector: Selector,
        fieldSelector: FieldSelector,
        resourceVersion: UInt64?
    ) -> Result<WatchSubscription, APIError> {
        Result { () throws(APIError) in
            try watch(
                resource,
                namespace: namespace,
                labelSelector: labelSelector,
                fieldSelector: fieldSelector,
                resourceVersion: resourceVersion
            )
        }
    }

    /// Sends a BOOKMARK carrying the current version: every earlier event has already been queued.
    public func bookmark(_ id: Int) {
        guard let watcher = watchers[id] else { return }
        _ = watcher.continuation.yield(
            WatchFrame.bookmark(apiVersion: watcher.apiVersion, kind: watcher.kind, resourceVersion: resourceVersion)
        )
    }

    /// Ends a watch from the server side (timeout, fault injection, shutdown).
    public func stopWatch(_ id: Int) {
        watchers.removeValue(forKey: id)?.continuation.finish()
    }

    /// Ends every open watch, as a dropped connection would.
    public func dropAllWatches() {
        for id in watchers.keys { stopWatch(id) }
    }

    public var openWatchCount: Int { watchers.count }

    /// Appends a change to the history (evicting the oldest beyond the limit) and fans it out.
    func record(
        _ type: HistoryEntry.EventType,
        resource: ServedResource,
        id: ObjectID,
        object: StoredObject,
        previousLabels: [String: String]?
    ) {
        let entry = HistoryEntry(
            resourceVersion: object.resourceVersion,
            resourceID: resource.resourceID,
            id: id,
            type: type,
            bytes: object.bytes,
            labels: object.labels,
            previousLabels: previousLabels
        )
        history.append(entry)
        while history.count > historyLimit, let evicted = history.popFirst() {
            oldestResumableVersion = evicted.resourceVersion
        }
        var frames: [HistoryEntry.EventType: [UInt8]] = [:]
        for (watcherID, watcher) in watchers {
            guard let visible = watcher.visibleType(of: entry) else { continue }
            let frame = frames[visible] ?? WatchFrame.event(visible, entry.bytes)
            frames[visible] = frame
            if case .dropped = watcher.continuation.yield(frame) { stopWatch(watcherID) }
        }
    }
}
