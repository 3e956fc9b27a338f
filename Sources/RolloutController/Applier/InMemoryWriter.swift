public import Foundation
public import KubeAPI
import KubeClient

/// The deterministic twin of ``FencedWriter``: objects held in memory, written with the API
/// server's semantics — JSON merge patch, `resourceVersion` and uid preconditions, `alreadyExists`
/// and `notFound`, a new `resourceVersion` on every write, `metadata.generation` bumped when the
/// spec changes, the server's fields set on create. Planner tests apply their plans through it with
/// the production ``PlanApplier``, so what they exercise is the code that runs against a cluster.
///
/// Objects keep the order they were put in (created ones go last), and uids and resource versions
/// come from counters, so a test sees the same objects on every run.
public actor InMemoryWriter: ObjectWriter {
    private var store: Store
    /// Stamped on created objects as `creationTimestamp`.
    public private(set) var now: Date

    public init(objects: [any KubeObject] = [], now: Date = Date(timeIntervalSince1970: 0)) {
        var store = Store()
        for object in objects { store.insert(object) }
        self.store = store
        self.now = now
    }

    /// Replaces every object with `objects`, as they are (a test may have edited them), and sets the
    /// time; the uid and version counters carry on, so nothing created later collides.
    public func reset(to objects: [any KubeObject], now: Date) {
        store.objects = []
        for object in objects { store.insert(object) }
        self.now = now
    }

    /// Every object of `type`, in order.
    public func list<Object: KubeObject>(_ type: Object.Type) -> [Object] {
        store.objects.filter { $0.address.resource == Object.resource }
            .compactMap { try? KubeJSON.decode(Object.self, from: $0.value) }
    }

    /// The object of `type` named `name`, if there is one.
    public func get<Object: KubeObject>(_ type: Object.Type, name: String, namespace: String?) -> Object? {
        store.index(of: Address(Object.self, name: name, namespace: namespace))
            .flatMap { try? KubeJSON.decode(Object.self, from: store.objects[$0].value) }
    }

    // MARK: ObjectWriter

    public func create<Object: KubeObject>(_ object: Object) async throws {
        let address = Address(Object.self, name: object.metadata.name ?? "", namespace: object.metadata.namespace)
        guard store.index(of: address) == nil else {
            throw address.failure(.alreadyExists, "POST", "\(address) already exists")
        }
        var created = object.withTypeMeta()
        created.metadata.uid = created.metadata.uid ?? store.nextUID(for: Object.resource)
        created.metadata.creationTimestamp = KubeTime(now)
        created.metadata.generation = 1
        var value = try KubeJSON.encodeValue(created)
        // The status belongs to the object's controller, not to its creator.
        value.setValue(nil, at: ["status"])
        store.objects.append((address, store.stamped(value)))
    }

    public func mergePatch<Object: KubeObject>(
        _ type: Object.Type,
        name: String,
        namespace: String?,
        patch: JSONValue,
        resourceVersion: String?
    ) async throws -> Object {
        let index = try store.existing(Address(type, name: name, namespace: namespace), "PATCH", resourceVersion)
        let before = store.objects[index].value
        var after = MergePatch.apply(patch, to: before)
        if after["spec"] != before["spec"] {
            let generation = before[path: "metadata", "generation"]?.intValue ?? 0
            after.setValue(.number(JSONNumber(generation + 1)), at: ["metadata", "generation"])
        }
        store.objects[index].value = store.stamped(after)
        return try KubeJSON.decode(Object.self, from: store.objects[index].value)
    }

    public func delete<Object: KubeObject>(
        _ type: Object.Type,
        name: String,
        namespace: String?,
        uid: String?,
        propagation: DeleteOptions.PropagationPolicy?
    ) async throws {
        let address = Address(type, name: name, namespace: namespace)
        let index = try store.existing(address, "DELETE", nil)
        if let uid, store.objects[index].value[path: "metadata", "uid"]?.stringValue != uid {
            throw address.failure(.conflict, "DELETE", "the uid precondition failed: \(address) is another object now")
        }
        store.objects.remove(at: index)
    }

    public func updateStatus<Object: KubeObject>(_ object: Object) async throws -> Object {
        let address = Address(Object.self, name: object.metadata.name ?? "", namespace: object.metadata.namespace)
        let index = try store.existing(address, "PUT", object.metadata.resourceVersion)
        var value = store.objects[index].value
        value.setValue(try KubeJSON.encodeValue(object)["status"], at: ["status"])
        store.objects[index].value = store.stamped(value)
        return try KubeJSON.decode(Object.self, from: store.objects[index].value)
    }
}

extension InMemoryWriter {
    /// Where an object lives: its resource, namespace and name.
    private struct Address: Hashable, CustomStringConvertible {
        var resource: ResourceDescriptor
        var namespace: String
        var name: String

        init<Object: KubeObject>(_ type: Object.Type, name: String, namespace: String?) {
            self.resource = Object.resource
            self.namespace = namespace ?? ""
            self.name = name
        }

        var description: String { "\(resource.plural) \"\(namespace)/\(name)\"" }

        func failure(_ kind: KubeError.Kind, _ verb: String, _ message: String) -> KubeError {
            KubeError(
                kind: kind,
                verb: verb,
                target: "memory:\(resource.plural)/\(namespace)/\(name)",
                message: message
            )
        }
    }

    /// The objects as JSON, in order, and the counters the server's fields come from.
    private struct Store {
        var objects: [(address: Address, value: JSONValue)] = []
        private var lastResourceVersion = 0
        private var lastUID = 0

        /// Puts `object` in as it is; its resource version (if numeric) moves the counter past it.
        mutating func insert(_ object: some KubeObject) {
            guard let value = try? KubeJSON.encodeValue(object.withTypeMeta()) else { return }
            let address = Address(
                type(of: object),
                name: object.metadata.name ?? "",
                namespace: object.metadata.namespace
            )
            if let version = object.metadata.resourceVersion.flatMap({ Int($0) }) {
                lastResourceVersion = max(lastResourceVersion, version)
            }
            if let index = index(of: address) {
                objects[index].value = value
            } else {
                objects.append((address, value))
            }
        }

        func index(of address: Address) -> Int? {
            objects.firstIndex { $0.address == address }
        }

        /// The index of the object at `address`, after checking that it exists and, when asked, that
        /// it still has `resourceVersion`.
        func existing(_ address: Address, _ verb: String, _ resourceVersion: String?) throws -> Int {
            guard let index = index(of: address) else { throw address.failure(.notFound, verb, "\(address) not found") }
            if let resourceVersion, !resourceVersion.isEmpty,
                objects[index].value[path: "metadata", "resourceVersion"]?.stringValue != resourceVersion
            {
                throw address.failure(
                    .conflict,
                    verb,
                    "\(address) has been modified; please apply your changes to the latest version and try again"
                )
            }
            return index
        }

        /// `value` with the next resource version.
        mutating func stamped(_ value: JSONValue) -> JSONValue {
            lastResourceVersion += 1
            var value = value
            value.setValue(.string(String(lastResourceVersion)), at: ["metadata", "resourceVersion"])
            return value
        }

        mutating func nextUID(for resource: ResourceDescriptor) -> String {
            lastUID += 1
            return "\(resource.singular)-uid-\(lastUID)"
        }
    }
}
