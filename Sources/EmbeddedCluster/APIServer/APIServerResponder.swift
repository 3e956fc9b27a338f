import HTTPTypes
import Hummingbird
import KubeAPI
import NIOCore

/// Answers Kubernetes API requests: authenticates, applies injected faults, routes by path and verb,
/// and turns every failure into the `Status` response the real server would send.
struct APIServerResponder: HTTPResponder {
    typealias Context = ClusterRequestContext

    let store: ClusterStore
    let registry: ResourceRegistry
    let authenticator: TokenAuthenticator
    let faults: FaultInjector
    let clock: any Clock<Duration>
    let bookmarkInterval: Duration
    let maximumBodySize: Int
    let serverAddress: @Sendable () -> String

    func respond(to request: Request, context: Context) async throws -> Response {
        do {
            let bearer = request.headers[.authorization]
            let certificateUser = bearer == nil ? await context.clientCertificateUser() : nil
            guard
                let identity = certificateUser
                    ?? authenticator.user(authorization: bearer, userAgent: request.headers[.userAgent])
            else {
                throw APIError.unauthorized
            }
            return try await route(request, identity: identity)
        } catch let error as APIError {
            return APIResponses.error(error)
        } catch {
            return APIResponses.error(.internal("\(error)"))
        }
    }

    private func route(_ request: Request, identity: String) async throws -> Response {
        let target = RequestTarget(path: request.uri.path)
        let query = QueryParameters(request.uri.query)
        switch target {
        case .version: return APIResponses.json(Discovery.version())
        case .health: return APIResponses.json(Array("ok".utf8)).withContentType("text/plain")
        case .coreGroup: return APIResponses.json(Discovery.coreVersions(serverAddress: serverAddress()))
        case .groupList: return APIResponses.json(Discovery.groupList(registry))
        case .group(let name):
            guard Discovery.groupNames(registry).contains(name) else { throw APIError.resourceNotFound }
            var group = Discovery.group(registry, name)
            group.setValue("APIGroup", at: ["kind"])
            group.setValue("v1", at: ["apiVersion"])
            return APIResponses.json(group)
        case .resourceList(let gv):
            guard registry.groupVersions.contains(gv) else { throw APIError.resourceNotFound }
            return APIResponses.json(Discovery.resourceList(registry, gv))
        case .collection(let gv, let plural, let namespace):
            guard let resource = registry.resource(group: gv.group, version: gv.version, plural: plural),
                namespace == nil || resource.descriptor.namespaced
            else { throw APIError.resourceNotFound }
            return try await collection(
                request,
                resource: resource,
                namespace: namespace,
                query: query,
                identity: identity
            )
        case .object(let gv, let plural, let namespace, let name, let subresourceName):
            guard let resource = registry.resource(group: gv.group, version: gv.version, plural: plural),
                namespace == nil || resource.descriptor.namespaced,
                namespace != nil || !resource.descriptor.namespaced
            else { throw APIError.resourceNotFound }
            var subresource: ResourceDescriptor.Subresource?
            if let subresourceName {
                guard let known = ResourceDescriptor.Subresource(rawValue: subresourceName),
                    resource.descriptor.subresources.contains(known)
                else { throw APIError.resourceNotFound }
                subresource = known
            }
            return try await object(
                request,
                resource: resource,
                namespace: namespace,
                name: name,
                subresource: subresource,
                query: query,
                identity: identity
            )
        case .openAPIv2:
            if request.headers[.accept]?.contains("protobuf") == true {
                return APIResponses.json(OpenAPIDocuments.swaggerProtobuf())
                    .withContentType("application/com.github.proto-openapi.spec.v2.v1.0+protobuf")
            }
            return APIResponses.json(OpenAPIDocuments.swaggerJSON())
        case .openAPIIndex:
            return APIResponses.json(OpenAPIDocuments.index(registry))
        case .openAPIDocument(let gv):
            guard registry.groupVersions.contains(gv) else { throw APIError.resourceNotFound }
            return APIResponses.json(OpenAPIDocuments.document(registry, gv))
        case .unknown:
            throw APIError.resourceNotFound
        }
    }

    // MARK: Collections: list, watch, create, deletecollection

    private func collection(
        _ request: Request,
        resource: ServedResource,
        namespace: String?,
        query: QueryParameters,
        identity: String
    ) async throws -> Response {
        let labelSelector = try parseLabelSelector(query["labelSelector"])
        let fieldSelector = try FieldSelector(parsing: query["fieldSelector"] ?? "")
        switch request.method {
        case .get:
            if query.flag("watch") {
                let action = await faults.action(
                    verb: "watch",
                    resource: resource.descriptor.plural,
                    name: fieldSelector.pinnedName,
                    user: identity
                )
                if let response = try await applyFault(action) { return response }
                return try await watch(
                    resource: resource,
                    namespace: namespace,
                    labelSelector: labelSelector,
                    fieldSelector: fieldSelector,
                    query: query,
                    fault: action
                )
            }
            if let response = try await applyFault(
                await faults.action(
                    verb: "list",
                    resource: resource.descriptor.plural,
                    name: fieldSelector.pinnedName,
                    user: identity
                )
            ) {
                return response
            }
            let page = try await store.list(
                resource,
                namespace: namespace,
                labelSelector: labelSelector,
                fieldSelector: fieldSelector,
                limit: try query.integer("limit"),
                continueToken: query["continue"]
            )
            return APIResponses.list(page, resource: resource)
        case .post:
            let body = try await readObject(request)
            if let response = try await applyFault(
                await faults.action(
                    verb: "create",
                    resource: resource.descriptor.plural,
                    name: body.name,
                    user: identity
                )
            ) {
                return response
            }
            let created = try await store.create(
                resource,
                namespace: namespace,
                object: body,
                context: context(identity, query)
            )
            return APIResponses.json(created, status: .created)
        case .delete:
            if let response = try await applyFault(
                await faults.action(
                    verb: "deletecollection",
                    resource: resource.descriptor.plural,
                    name: nil,
                    user: identity
                )
            ) {
                return response
            }
            let options = try await deletionOptions(request, query: query)
            let deleted = try await store.deleteCollection(
                resource,
                namespace: namespace,
                labelSelector: labelSelector,
                fieldSelector: fieldSelector,
                options: options,
                context: context(identity, query)
            )
            let version = await store.currentResourceVersion
            return APIResponses.list(ListPage(items: deleted, resourceVersion: version), resource: resource)
        default:
            throw APIError.methodNotAllowed()
        }
    }

    private func watch(
        resource: ServedResource,
        namespace: String?,
        labelSelector: Selector,
        fieldSelector: FieldSelector,
        query: QueryParameters,
        fault: FaultRule.Action?
    ) async throws -> Response {
        let since = query["resourceVersion"].flatMap { UInt64($0) }
        let opened: Result<WatchSubscription, APIError> = await store.openWatch(
            resource,
            namespace: namespace,
            labelSelector: labelSelector,
            fieldSelector: fieldSelector,
            resourceVersion: since
        )
        let subscription: WatchSubscription
        switch opened {
        case .success(let opened): subscription = opened
        case .failure(let error) where error.code == 410:
            // The real server answers 200 and reports expiry as an ERROR event in the stream.
            return APIResponses.json(WatchFrame.error(error.status))
        case .failure(let error): throw error
        }
        let timeout = try query.integer("timeoutSeconds").map { Duration.seconds($0) }
        let bookmarks = query.flag("allowWatchBookmarks")
        let dropAfter: Int? = if case .dropWatch(let frames) = fault { frames } else { nil }
        let store = self.store
        let clock = self.clock
        let interval = self.bookmarkInterval
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.transferEncoding] = "chunked"
        let body = ResponseBody { writer in
            var sent = 0
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    if let timeout {
                        group.addTask {
                            try await clock.sleep(for: timeout)
                            await store.stopWatch(subscription.id)
                        }
                    }
                    if bookmarks {
                        group.addTask {
                            while true {
                                try await clock.sleep(for: interval)
                                await store.bookmark(subscription.id)
                            }
                        }
                    }
                    for await frame in subscription.frames {
                        try await writer.write(ByteBuffer(bytes: frame))
                        sent += 1
                        if let dropAfter, sent >= dropAfter { break }
                    }
                    group.cancelAll()
                }
            } catch {
                await store.stopWatch(subscription.id)
                throw error
            }
            await store.stopWatch(subscription.id)
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    // MARK: Objects: get, update, patch, delete and subresources

    private func object(
        _ request: Request,
        resource: ServedResource,
        namespace: String?,
        name: String,
        subresource: ResourceDescriptor.Subresource?,
        query: QueryParameters,
        identity: String
    ) async throws -> Response {
        let plural = resource.descriptor.plural
        let verb: String
        switch request.method {
        case .get: verb = "get"
        case .put: verb = "update"
        case .patch: verb = "patch"
        case .delete: verb = "delete"
        default: throw APIError.methodNotAllowed()
        }
        if let response = try await applyFault(
            await faults.action(verb: verb, resource: plural, name: name, user: identity)
        ) {
            return response
        }
        let writeContext = context(identity, query)
        switch (request.method, subresource) {
        case (.get, .scale):
            let value = try await store.getValue(resource, namespace: namespace, name: name)
            return APIResponses.json(ScaleSubresource.scale(of: value, resource: resource))
        case (.get, _):
            return APIResponses.json(try await store.get(resource, namespace: namespace, name: name))
        case (.put, .scale):
            let scale = try await readObject(request)
            let updated = try await store.update(
                resource,
                namespace: namespace,
                name: name,
                subresource: .scale,
                context: writeContext
            ) { current throws(APIError) in
                try ScaleSubresource.apply(scale, to: current)
            }
            return try scaleResponse(updated, resource: resource)
        case (.put, _):
            let body = try await readObject(request)
            let updated = try await store.update(
                resource,
                namespace: namespace,
                name: name,
                subresource: subresource,
                context: writeContext
            ) { _ in body }
            return APIResponses.json(updated)
        case (.patch, _):
            let patch = try await readPatch(request, resource: resource)
            let updated = try await store.update(
                resource,
                namespace: namespace,
                name: name,
                subresource: subresource,
                verb: "patch",
                context: writeContext
            ) { current throws(APIError) in
                if subresource == .scale {
                    let scale = try patch.apply(to: ScaleSubresource.scale(of: current, resource: resource))
                    return try ScaleSubresource.apply(scale, to: current)
                }
                var patched = try patch.apply(to: current)
                // A patch names no version unless it means to: keep the current one then.
                if patched.metadataString("resourceVersion") == nil {
                    patched.setMetadata("resourceVersion", current[path: "metadata", "resourceVersion"])
                }
                return patched
            }
            return subresource == .scale ? try scaleResponse(updated, resource: resource) : APIResponses.json(updated)
        case (.delete, nil):
            let options = try await deletionOptions(request, query: query)
            let deleted = try await store.delete(
                resource,
                namespace: namespace,
                name: name,
                options: options,
                context: writeContext
            )
            return APIResponses.json(deleted)
        default:
            throw APIError.methodNotAllowed()
        }
    }

    private func scaleResponse(_ bytes: [UInt8], resource: ServedResource) throws -> Response {
        APIResponses.json(ScaleSubresource.scale(of: try JSONParser.parse(bytes), resource: resource))
    }

    // MARK: Request decoding

    private func context(_ identity: String, _ query: QueryParameters) -> WriteContext {
        WriteContext(identity: identity, dryRun: query["dryRun"] == "All")
    }

    private func parseLabelSelector(_ text: String?) throws(APIError) -> Selector {
        guard let text, !text.isEmpty else { return .everything }
        do {
            return try Selector(parsing: text)
        } catch {
            throw APIError.badRequest("unable to parse requirement: \(error.description)")
        }
    }

    private func readBody(_ request: Request) async throws -> [UInt8] {
        var request = request
        do {
            let buffer = try await request.collectBody(upTo: maximumBodySize)
            return Array(buffer.readableBytesView)
        } catch {
            throw APIError.tooLarge("Request entity too large: limit is \(maximumBodySize)")
        }
    }

    /// A JSON or YAML object body.
    private func readObject(_ request: Request) async throws -> JSONValue {
        let bytes = try await readBody(request)
        let contentType = request.headers[.contentType] ?? "application/json"
        let value: JSONValue
        do {
            if contentType.hasPrefix("application/yaml") || contentType.hasPrefix("application/x-yaml") {
                value = try YAMLDocuments.parseSingle(String(decoding: bytes, as: UTF8.self))
            } else {
                value = try JSONParser.parse(bytes)
            }
        } catch {
            throw APIError.badRequest("the body of the request could not be decoded: \(error)")
        }
        guard value.objectValue != nil else {
            throw APIError.badRequest("the body of the request must be a JSON object, found \(value.typeName)")
        }
        return value
    }

    private func readPatch(_ request: Request, resource: ServedResource) async throws -> PatchDocument {
        let contentType =
            (request.headers[.contentType] ?? "").split(separator: ";").first.map { String($0).trimmingSpaces() } ?? ""
        let kind: PatchDocument.Kind
        switch contentType {
        case "application/merge-patch+json": kind = .merge
        case "application/json-patch+json": kind = .json
        case "application/strategic-merge-patch+json":
            guard resource.isBuiltIn else { throw APIError.unsupportedMediaType(contentType) }
            kind = .strategic
        default:
            throw APIError.unsupportedMediaType(contentType)
        }
        let bytes = try await readBody(request)
        do {
            return PatchDocument(kind: kind, body: try JSONParser.parse(bytes))
        } catch {
            throw APIError.badRequest("the body of the request could not be decoded: \(error)")
        }
    }

    private func deletionOptions(_ request: Request, query: QueryParameters) async throws -> DeletionOptions {
        var options = DeletionOptions()
        let bytes = try await readBody(request)
        if !bytes.isEmpty, let body = try? JSONParser.parse(bytes) {
            if let policy = body["propagationPolicy"]?.stringValue {
                options.propagation = try propagation(policy)
            }
            if body["orphanDependents"]?.boolValue == true { options.propagation = .orphan }
            options.preconditionUID = body[path: "preconditions", "uid"]?.stringValue
            options.preconditionResourceVersion = body[path: "preconditions", "resourceVersion"]?.stringValue
        }
        if let policy = query["propagationPolicy"] { options.propagation = try propagation(policy) }
        return options
    }

    private func propagation(_ text: String) throws(APIError) -> DeletionOptions.Propagation {
        guard let policy = DeletionOptions.Propagation(rawValue: text) else {
            throw APIError.badRequest(
                "propagationPolicy: Unsupported value: \"\(text)\": supported values: \"Foreground\", \"Background\", \"Orphan\""
            )
        }
        return policy
    }

    // MARK: Faults

    private func applyFault(_ action: FaultRule.Action?) async throws -> Response? {
        switch action {
        case .latency(let delay):
            try await clock.sleep(for: delay)
            return nil
        case .error(let code, let message):
            return APIResponses.error(APIError(code: code, reason: Self.reason(for: code), message: message))
        case .stall:
            await faults.holdStalledRequest()
            return APIResponses.error(.internal("stalled request released"))
        case .respond(let code, let contentType, let body, let extraHeaders):
            var headers = HTTPFields()
            headers[.contentType] = contentType
            for (name, value) in extraHeaders {
                if let field = HTTPField.Name(name) { headers[field] = value }
            }
            let bytes = ResponseBody(byteBuffer: ByteBuffer(string: body))
            return Response(status: HTTPResponse.Status(code: code), headers: headers, body: bytes)
        case .dropWatch, nil:
            return nil
        }
    }

    private static func reason(for code: Int) -> String {
        switch code {
        case 409: StatusReason.conflict
        case 410: StatusReason.gone
        case 429: StatusReason.tooManyRequests
        case 503: StatusReason.serviceUnavailable
        case 504: StatusReason.timeout
        default: StatusReason.internalError
        }
    }
}

/// A parsed PATCH body and the flavour of patch it is.
struct PatchDocument: Sendable {
    enum Kind: Sendable { case merge, json, strategic }
    var kind: Kind
    var body: JSONValue

    func apply(to target: JSONValue) throws(APIError) -> JSONValue {
        switch kind {
        case .merge: return MergePatch.apply(body, to: target)
        case .json: return try JSONPatch.apply(body, to: target)
        case .strategic: return try StrategicMergePatch.apply(body, to: target)
        }
    }
}

extension Response {
    func withContentType(_ type: String) -> Response {
        var response = self
        response.headers[.contentType] = type
        return response
    }
}
