import FoundationEssentials
import HTTPTypes
import Hummingbird
import KubeAPI
import NIOCore

/// Answers Kubernetes API requests: authenticates, applies injected faults, routes by path and verb,
/// and turns every failure into the `Status` response the real server would send.
///
/// The handlers live in one extension each: collections, objects, watch, request decoding, faults.
struct APIServerResponder: HTTPResponder {
    typealias Context = ClusterRequestContext

    /// Holds the objects and the kinds served now (CustomResourceDefinitions add kinds at run time).
    let store: ClusterStore
    let authenticator: TokenAuthenticator
    let faults: FaultInjector
    let access: AccessPolicy
    let clock: any Clock<Duration>
    let now: @Sendable () -> Date
    let bookmarkInterval: Duration
    let maximumBodySize: Int
    let serverAddress: @Sendable () -> String

    func respond(to request: Request, context: Context) async throws -> Response {
        let received = now()
        do {
            let bearer = request.headers[.authorization]
            let certificateUser = bearer == nil ? await context.clientCertificateUser() : nil
            guard
                let identity = certificateUser
                    ?? authenticator.user(authorization: bearer, userAgent: request.headers[.userAgent])
            else {
                throw APIError.unauthorized
            }
            let query = QueryParameters(request.uri.query)
            let call = APICall(
                request: request,
                query: query,
                identity: identity,
                received: received,
                deadline: try RequestDeadline(query: query, clock: clock)
            )
            return try await route(call)
        } catch let error as APIError {
            return APIResponses.error(error)
        } catch {
            return APIResponses.error(.internal("\(error)"))
        }
    }

    private func route(_ call: APICall) async throws -> Response {
        let registry = await store.registry
        switch RequestTarget(path: call.request.uri.path) {
        case .version: return APIResponses.json(Discovery.version())
        case .health: return APIResponses.json(Array("ok".utf8)).withContentType("text/plain")
        case .coreGroup: return APIResponses.json(Discovery.coreVersions(serverAddress: serverAddress()))
        case .groupList:
            let aggregated = await aggregatedAPIs(registry).map(\.groupVersion)
            return APIResponses.json(Discovery.groupList(registry, aggregated: aggregated))
        case .group(let name):
            let aggregated = await aggregatedAPIs(registry).map(\.groupVersion)
            guard Discovery.groupNames(registry, aggregated: aggregated).contains(name) else {
                throw APIError.resourceNotFound
            }
            var group = Discovery.group(registry, name, aggregated: aggregated)
            group.setValue("APIGroup", at: ["kind"])
            group.setValue("v1", at: ["apiVersion"])
            return APIResponses.json(group)
        case .resourceList(let gv):
            guard registry.groupVersions.contains(gv) else {
                return try await unserved(gv, registry: registry, discovery: true)
            }
            return APIResponses.json(Discovery.resourceList(registry, gv))
        case .collection(let gv, let plural, let namespace):
            guard let resource = registry.resource(group: gv.group, version: gv.version, plural: plural),
                namespace == nil || resource.descriptor.namespaced
            else { return try await unserved(gv, registry: registry, discovery: false) }
            if resource.answersAccessReviews { return try await accessReview(call, resource: resource) }
            try await authorize(call, verb: collectionVerb(call), resource: resource, namespace: namespace, name: nil)
            return try await collection(call, resource: resource, namespace: namespace)
        case .object(let gv, let plural, let namespace, let name, let subresourceName):
            guard let resource = registry.resource(group: gv.group, version: gv.version, plural: plural),
                namespace == nil || resource.descriptor.namespaced,
                namespace != nil || !resource.descriptor.namespaced, !resource.answersAccessReviews
            else { return try await unserved(gv, registry: registry, discovery: false) }
            try await authorize(call, verb: objectVerb(call), resource: resource, namespace: namespace, name: name)
            if subresourceName == "eviction", resource.acceptsEviction, let namespace {
                return try await eviction(call, pods: resource, namespace: namespace, name: name)
            }
            var subresource: ResourceDescriptor.Subresource?
            if let subresourceName {
                guard let known = ResourceDescriptor.Subresource(rawValue: subresourceName),
                    resource.descriptor.subresources.contains(known)
                else { throw APIError.resourceNotFound }
                subresource = known
            }
            return try await object(
                call,
                resource: resource,
                namespace: namespace,
                name: name,
                subresource: subresource
            )
        case .openAPIv2:
            if call.request.headers[.accept]?.contains("protobuf") == true {
                return APIResponses.json(OpenAPIDocuments.swaggerProtobuf(registry))
                    .withContentType("application/com.github.proto-openapi.spec.v2.v1.0+protobuf")
            }
            return APIResponses.json(OpenAPIDocuments.swaggerJSON(registry))
        case .openAPIIndex:
            return APIResponses.json(OpenAPIDocuments.index(registry))
        case .openAPIDocument(let gv):
            guard registry.groupVersions.contains(gv) else { throw APIError.resourceNotFound }
            return APIResponses.json(OpenAPIDocuments.document(registry, gv))
        case .unknown:
            throw APIError.resourceNotFound
        }
    }

    private func collectionVerb(_ call: APICall) -> String {
        switch call.request.method {
        case .get: call.query.flag("watch") ? "watch" : "list"
        case .post: "create"
        case .delete: "deletecollection"
        default: "unknown"
        }
    }

    private func objectVerb(_ call: APICall) -> String {
        switch call.request.method {
        case .get: "get"
        case .put: "update"
        case .patch: "patch"
        case .delete: "delete"
        case .post: "create"
        default: "unknown"
        }
    }

    /// The write context of a request: who writes, dry run or not, when it arrived, its deadline.
    func writeContext(_ call: APICall) -> WriteContext {
        var context = WriteContext(
            identity: call.identity,
            dryRun: call.query["dryRun"] == "All",
            received: call.received
        )
        context.deadline = call.deadline
        return context
    }
}

/// One authenticated request with what every handler needs from it.
struct APICall: Sendable {
    var request: Request
    var query: QueryParameters
    var identity: String
    var received: Date
    var deadline: RequestDeadline
}

extension Response {
    func withContentType(_ type: String) -> Response {
        var response = self
        response.headers[.contentType] = type
        return response
    }
}
