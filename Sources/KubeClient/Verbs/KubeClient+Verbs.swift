public import KubeAPI
import Logging
import NIOHTTP1

extension KubeClient {
    // MARK: Dynamic access: any resource, as JSON trees

    /// GET one object of any kind.
    public func get(
        _ resource: ResourceDescriptor,
        name: String,
        namespace: String? = nil,
        subresource: ResourceDescriptor.Subresource? = nil,
        timeout: Duration? = nil
    ) async throws(KubeError) -> JSONValue {
        let path = resource.objectPath(
            namespace: namespaceFor(resource, namespace),
            name: name,
            subresource: subresource
        )
        return try await send(.GET, path: path, timeout: timeout)
    }

    /// One page of a list; `continueToken` from the previous page's metadata.
    public func listPage(
        _ resource: ResourceDescriptor,
        namespace: String? = nil,
        labelSelector: String? = nil,
        fieldSelector: String? = nil,
        limit: Int? = nil,
        continueToken: String? = nil
    ) async throws(KubeError) -> JSONValue {
        var query: [(String, String)] = []
        if let labelSelector, !labelSelector.isEmpty { query.append(("labelSelector", labelSelector)) }
        if let fieldSelector, !fieldSelector.isEmpty { query.append(("fieldSelector", fieldSelector)) }
        if let limit { query.append(("limit", String(limit))) }
        if let continueToken, !continueToken.isEmpty { query.append(("continue", continueToken)) }
        return try await send(.GET, path: resource.collectionPath(namespace: namespace), query: query)
    }

    /// A whole list, following `continue` tokens page by page. `namespace: nil` lists all namespaces.
    ///
    /// When a `continue` token expires between pages (410: the server compacted the version the list
    /// started from), the list is read again in one request, as client-go's pager does: the pages
    /// already read cannot be joined with the rest into a consistent snapshot.
    public func list(
        _ resource: ResourceDescriptor,
        namespace: String? = nil,
        labelSelector: String? = nil,
        fieldSelector: String? = nil,
        pageSize: Int = 500
    ) async throws(KubeError) -> (items: [JSONValue], resourceVersion: String) {
        var items: [JSONValue] = []
        var token: String?
        var version = ""
        repeat {
            let page: JSONValue
            do {
                page = try await listPage(
                    resource,
                    namespace: namespace,
                    labelSelector: labelSelector,
                    fieldSelector: fieldSelector,
                    limit: pageSize,
                    continueToken: token
                )
            } catch let error where error.kind == .gone && token != nil {
                logger.debug(
                    "continue token expired; listing in one request",
                    metadata: [LogKey.k8sResource: "\(resource.plural)"]
                )
                let whole = try await listPage(
                    resource,
                    namespace: namespace,
                    labelSelector: labelSelector,
                    fieldSelector: fieldSelector
                )
                return (whole["items"]?.arrayValue ?? [], whole[path: "metadata", "resourceVersion"]?.stringValue ?? "")
            }
            items += page["items"]?.arrayValue ?? []
            token = page[path: "metadata", "continue"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            if version.isEmpty { version = page[path: "metadata", "resourceVersion"]?.stringValue ?? "" }
        } while token != nil
        return (items, version)
    }

    /// POST a new object.
    public func create(
        _ resource: ResourceDescriptor,
        _ object: JSONValue,
        namespace: String? = nil,
        dryRun: Bool = false,
        timeout: Duration? = nil
    ) async throws(KubeError) -> JSONValue {
        let target = namespaceFor(resource, namespace ?? object[path: "metadata", "namespace"]?.stringValue)
        return try await send(
            .POST,
            path: resource.collectionPath(namespace: target),
            query: dryRunQuery(dryRun),
            body: JSONSerializer.serialize(object),
            timeout: timeout
        )
    }

    /// PUT an object (optimistic concurrency through `metadata.resourceVersion`); `subresource: .status`
    /// writes only the status.
    public func update(
        _ resource: ResourceDescriptor,
        _ object: JSONValue,
        subresource: ResourceDescriptor.Subresource? = nil,
        dryRun: Bool = false,
        timeout: Duration? = nil
    ) async throws(KubeError) -> JSONValue {
        let name = object[path: "metadata", "name"]?.stringValue ?? ""
        let target = namespaceFor(resource, object[path: "metadata", "namespace"]?.stringValue)
        return try await send(
            .PUT,
            path: resource.objectPath(namespace: target, name: name, subresource: subresource),
            query: dryRunQuery(dryRun),
            body: JSONSerializer.serialize(object),
            timeout: timeout
        )
    }

    /// PATCH an object or one of its subresources.
    public func patch(
        _ resource: ResourceDescriptor,
        name: String,
        namespace: String? = nil,
        patch: JSONValue,
        type: PatchType,
        subresource: ResourceDescriptor.Subresource? = nil,
        dryRun: Bool = false,
        timeout: Duration? = nil
    ) async throws(KubeError) -> JSONValue {
        try await send(
            .PATCH,
            path: resource.objectPath(
                namespace: namespaceFor(resource, namespace),
                name: name,
                subresource: subresource
            ),
            query: dryRunQuery(dryRun),
            body: JSONSerializer.serialize(patch),
            contentType: type.contentType,
            timeout: timeout
        )
    }

    /// DELETE an object, with a propagation policy and optional uid / resourceVersion preconditions.
    @discardableResult
    public func delete(
        _ resource: ResourceDescriptor,
        name: String,
        namespace: String? = nil,
        propagation: DeleteOptions.PropagationPolicy? = nil,
        preconditionUID: String? = nil,
        preconditionResourceVersion: String? = nil,
        dryRun: Bool = false,
        timeout: Duration? = nil
    ) async throws(KubeError) -> JSONValue {
        var options: JSONValue = ["kind": "DeleteOptions", "apiVersion": "v1"]
        if let propagation { options.setValue(.string(propagation.rawValue), at: ["propagationPolicy"]) }
        if let preconditionUID { options.setValue(.string(preconditionUID), at: ["preconditions", "uid"]) }
        if let preconditionResourceVersion {
            options.setValue(.string(preconditionResourceVersion), at: ["preconditions", "resourceVersion"])
        }
        return try await send(
            .DELETE,
            path: resource.objectPath(namespace: namespaceFor(resource, namespace), name: name),
            query: dryRunQuery(dryRun),
            body: JSONSerializer.serialize(options),
            timeout: timeout
        )
    }

    // MARK: Typed access

    public func get<T: KubeObject>(
        _ type: T.Type,
        name: String,
        namespace: String? = nil,
        timeout: Duration? = nil
    ) async throws(KubeError) -> T {
        try decode(T.self, await get(T.resource, name: name, namespace: namespace, timeout: timeout), verb: "GET")
    }

    public func list<T: KubeObject>(
        _ type: T.Type,
        namespace: String? = nil,
        labelSelector: String? = nil,
        fieldSelector: String? = nil
    ) async throws(KubeError) -> KubeList<T> {
        let (items, version) = try await list(
            T.resource,
            namespace: namespace,
            labelSelector: labelSelector,
            fieldSelector: fieldSelector
        )
        var decoded: [T] = []
        decoded.reserveCapacity(items.count)
        for item in items { decoded.append(try decode(T.self, item, verb: "LIST")) }
        return KubeList(
            apiVersion: T.resource.apiVersion,
            kind: T.resource.kind + "List",
            metadata: ListMeta(resourceVersion: version),
            items: decoded
        )
    }

    public func create<T: KubeObject>(
        _ object: T,
        namespace: String? = nil,
        dryRun: Bool = false,
        timeout: Duration? = nil
    ) async throws(KubeError) -> T {
        try decode(
            T.self,
            await create(
                T.resource,
                try encode(object),
                namespace: namespace ?? object.metadata.namespace,
                dryRun: dryRun,
                timeout: timeout
            ),
            verb: "POST"
        )
    }

    public func update<T: KubeObject>(
        _ object: T,
        dryRun: Bool = false,
        timeout: Duration? = nil
    ) async throws(KubeError) -> T {
        try decode(T.self, await update(T.resource, try encode(object), dryRun: dryRun, timeout: timeout), verb: "PUT")
    }

    /// Writes `object.status` through the status subresource.
    public func updateStatus<T: KubeObject>(_ object: T, timeout: Duration? = nil) async throws(KubeError) -> T {
        try decode(
            T.self,
            await update(T.resource, try encode(object), subresource: .status, timeout: timeout),
            verb: "PUT"
        )
    }

    public func patch<T: KubeObject>(
        _ type: T.Type,
        name: String,
        namespace: String? = nil,
        patch: JSONValue,
        type patchType: PatchType,
        subresource: ResourceDescriptor.Subresource? = nil,
        timeout: Duration? = nil
    ) async throws(KubeError) -> T {
        try decode(
            T.self,
            await self.patch(
                T.resource,
                name: name,
                namespace: namespace,
                patch: patch,
                type: patchType,
                subresource: subresource,
                timeout: timeout
            ),
            verb: "PATCH"
        )
    }

    // MARK: Scale subresource

    /// The `autoscaling/v1` Scale of a workload: `spec.replicas`, `status.replicas`, `status.selector`.
    public func getScale(
        _ resource: ResourceDescriptor,
        name: String,
        namespace: String? = nil
    ) async throws(KubeError) -> JSONValue {
        try await get(resource, name: name, namespace: namespace, subresource: .scale)
    }

    /// Sets `spec.replicas` through the scale subresource (a merge patch: no read-modify-write).
    public func scale(
        _ resource: ResourceDescriptor,
        name: String,
        namespace: String? = nil,
        replicas: Int
    ) async throws(KubeError) -> JSONValue {
        try await patch(
            resource,
            name: name,
            namespace: namespace,
            patch: ["spec": ["replicas": .number(JSONNumber(replicas))]],
            type: .merge,
            subresource: .scale
        )
    }

    // MARK: Helpers

    func namespaceFor(_ resource: ResourceDescriptor, _ namespace: String?) -> String? {
        guard resource.namespaced else { return nil }
        return namespace.flatMap { $0.isEmpty ? nil : $0 } ?? configuration.namespace
    }

    private func dryRunQuery(_ dryRun: Bool) -> [(String, String)] {
        dryRun ? [("dryRun", "All")] : []
    }

    func decode<T: Decodable>(_ type: T.Type, _ value: JSONValue, verb: String) throws(KubeError) -> T {
        do {
            return try KubeJSON.decode(T.self, from: value)
        } catch {
            let name = value[path: "metadata", "name"]?.stringValue ?? "?"
            throw KubeError(
                kind: .badResponse,
                verb: verb,
                target: configuration.server,
                message: "cannot decode \(T.self) \"\(name)\": \(KubeJSON.describe(error))"
            )
        }
    }

    private func encode<T: KubeObject>(_ object: T) throws(KubeError) -> JSONValue {
        do {
            return try KubeJSON.encodeValue(object.withTypeMeta())
        } catch {
            throw KubeError(
                kind: .invalid,
                verb: "encode",
                target: configuration.server,
                message: "cannot encode \(T.self): \(KubeJSON.describe(error))"
            )
        }
    }
}
