/// One change seen by a watch.
public enum WatchUpdate<Object: Sendable>: Sendable {
    case added(Object)
    case modified(Object)
    case deleted(Object)
    /// Everything up to this version has been delivered; resume from here after a drop.
    case bookmark(resourceVersion: String)

    /// The object of an added/modified/deleted update.
    public var object: Object? {
        switch self {
        case .added(let object), .modified(let object), .deleted(let object): object
        case .bookmark: nil
        }
    }
}
