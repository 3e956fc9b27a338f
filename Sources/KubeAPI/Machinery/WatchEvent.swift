/// One event of a watch stream: `{"type": "ADDED", "object": {...}}`.
public struct WatchEvent<Object: Sendable>: Sendable {
    public enum EventType: String, Sendable, Hashable, Codable {
        case added = "ADDED"
        case modified = "MODIFIED"
        case deleted = "DELETED"
        case bookmark = "BOOKMARK"
        case error = "ERROR"
    }

    public var type: EventType
    public var object: Object

    public init(type: EventType, object: Object) {
        self.type = type
        self.object = object
    }
}

extension WatchEvent: Equatable where Object: Equatable {}
extension WatchEvent: Codable where Object: Codable {}
