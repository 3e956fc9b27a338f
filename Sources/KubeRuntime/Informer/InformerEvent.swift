public import KubeAPI

/// A change seen by an informer, delivered to event handlers after the cache has applied it.
public enum InformerEvent<Object: KubeObject>: Sendable {
    case added(Object)
    case updated(old: Object, new: Object)
    case deleted(Object)

    /// The object as it is now (the last state for a deletion).
    public var object: Object {
        switch self {
        case .added(let object), .deleted(let object): object
        case .updated(_, let new): new
        }
    }
}
