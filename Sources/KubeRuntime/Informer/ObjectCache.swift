public import KubeAPI
import Synchronization

/// An informer's in-memory copy of one resource type, indexed by namespace, by controlling owner
/// (with a separate index of objects nobody controls, the candidates for adoption) and by label,
/// so reconcilers read what they need synchronously and never call the API server to look.
public final class ObjectCache<Object: KubeObject>: Sendable {
    private struct State {
        var objects: [ObjectKey: Object] = [:]
        var byNamespace: [String: Set<ObjectKey>] = [:]
        var byOwnerUID: [String: Set<ObjectKey>] = [:]
        /// Objects without a controller, by namespace.
        var unownedByNamespace: [String: Set<ObjectKey>] = [:]
        /// `key=value` → objects carrying that label.
        var byLabel: [String: Set<ObjectKey>] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    public var count: Int { state.withLock { $0.objects.count } }

    public func get(_ key: ObjectKey) -> Object? {
        state.withLock { $0.objects[key] }
    }

    /// Every object, or those of one namespace, sorted by key for stable output.
    public func list(namespace: String? = nil) -> [Object] {
        state.withLock { state in
            let keys = namespace.map { state.byNamespace[$0] ?? [] } ?? Set(state.objects.keys)
            return keys.sorted().compactMap { state.objects[$0] }
        }
    }

    /// Objects whose controller owner reference points at `uid`.
    public func list(controlledBy uid: String) -> [Object] {
        state.withLock { state in
            (state.byOwnerUID[uid] ?? []).sorted().compactMap { state.objects[$0] }
        }
    }

    /// Objects of a namespace that no controller owns.
    public func list(unownedIn namespace: String) -> [Object] {
        state.withLock { state in
            (state.unownedByNamespace[namespace] ?? []).sorted().compactMap { state.objects[$0] }
        }
    }

    /// Objects of a namespace whose labels `selector` matches. Equality requirements narrow the
    /// search through the label index before every candidate is matched in full.
    public func list(namespace: String, matching selector: Selector) -> [Object] {
        state.withLock { state in
            var candidates = state.byNamespace[namespace] ?? []
            for requirement in selector.requirements where requirement.operator == .equals {
                candidates.formIntersection(
                    state.byLabel[Self.labelKey(requirement.key, requirement.values.first ?? "")] ?? []
                )
            }
            return candidates.sorted().compactMap { state.objects[$0] }.filter {
                selector.matches($0.metadata.labels ?? [:])
            }
        }
    }

    /// Stores an added or modified object; returns the previous version, if any.
    @discardableResult
    func upsert(_ object: Object) -> Object? {
        state.withLock { state in
            let key = object.key
            let old = state.objects.updateValue(object, forKey: key)
            if let old { Self.unindex(old, key: key, in: &state) }
            Self.index(object, key: key, in: &state)
            return old
        }
    }

    /// Removes an object; returns what was stored.
    @discardableResult
    func remove(_ key: ObjectKey) -> Object? {
        state.withLock { state in
            guard let old = state.objects.removeValue(forKey: key) else { return nil }
            Self.unindex(old, key: key, in: &state)
            return old
        }
    }

    /// Replaces everything with a fresh list and returns the events that turn the old contents into
    /// the new (a relist after `410 Gone` must tell handlers about deletions it missed).
    func replace(with objects: [Object]) -> [InformerEvent<Object>] {
        state.withLock { state in
            var events: [InformerEvent<Object>] = []
            var fresh = State()
            for object in objects {
                let key = object.key
                fresh.objects[key] = object
                Self.index(object, key: key, in: &fresh)
                if let old = state.objects[key] {
                    if old.metadata.resourceVersion != object.metadata.resourceVersion {
                        events.append(.updated(old: old, new: object))
                    }
                } else {
                    events.append(.added(object))
                }
            }
            for (key, old) in state.objects where fresh.objects[key] == nil {
                events.append(.deleted(old))
            }
            state = fresh
            return events
        }
    }

    private static func labelKey(_ key: String, _ value: String) -> String { "\(key)=\(value)" }

    private static func index(_ object: Object, key: ObjectKey, in state: inout State) {
        state.byNamespace[key.namespace, default: []].insert(key)
        if let uid = object.metadata.controllerReference?.uid {
            state.byOwnerUID[uid, default: []].insert(key)
        } else {
            state.unownedByNamespace[key.namespace, default: []].insert(key)
        }
        for (label, value) in object.metadata.labels ?? [:] {
            state.byLabel[labelKey(label, value), default: []].insert(key)
        }
    }

    private static func unindex(_ object: Object, key: ObjectKey, in state: inout State) {
        remove(key, from: key.namespace, in: &state.byNamespace)
        if let uid = object.metadata.controllerReference?.uid {
            remove(key, from: uid, in: &state.byOwnerUID)
        } else {
            remove(key, from: key.namespace, in: &state.unownedByNamespace)
        }
        for (label, value) in object.metadata.labels ?? [:] {
            remove(key, from: labelKey(label, value), in: &state.byLabel)
        }
    }

    private static func remove(_ key: ObjectKey, from bucket: String, in index: inout [String: Set<ObjectKey>]) {
        index[bucket]?.remove(key)
        if index[bucket]?.isEmpty == true { index[bucket] = nil }
    }
}
