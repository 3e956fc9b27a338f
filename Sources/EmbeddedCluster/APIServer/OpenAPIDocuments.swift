import KubeAPI

/// Minimal OpenAPI documents, v3 per group version and v2 for the whole server: no schemas, but one
/// path per served kind whose PATCH operation names its group-version-kind and declares the `dryRun`
/// and `fieldValidation` query parameters.
///
/// That is what kubectl reads: 1.27+ looks for `fieldValidation` in v3 to leave field validation to the
/// server (so it downloads no schemas); older versions look for `dryRun` in the v2 protobuf document to
/// decide that `--dry-run=server` is supported, and, finding no definitions, skip client-side validation.
enum OpenAPIDocuments {
    /// One served kind's object path and the PATCH operation every document describes for it.
    struct PatchOperation {
        /// `/apis/apps/v1/namespaces/{namespace}/deployments/{name}`.
        var path: String
        var group: String
        var version: String
        var kind: String
        var namespaced: Bool

        /// The query parameters kubectl looks for.
        static let queryParameters = ["dryRun", "fieldValidation"]

        init(_ served: ServedResource) {
            let d = served.descriptor
            path = d.objectPath(namespace: d.namespaced ? "{namespace}" : nil, name: "{name}")
            group = d.group
            version = d.version
            kind = d.kind
            namespaced = d.namespaced
        }

        var pathParameters: [String] { namespaced ? ["namespace", "name"] : ["name"] }

        /// The value of `x-kubernetes-group-version-kind`.
        var groupVersionKind: JSONValue {
            ["group": .string(group), "kind": .string(kind), "version": .string(version)]
        }

        /// The operation as JSON. A parameter's type sits under `schema` in v3, beside its name in v2.
        func json(typesUnderSchema: Bool) -> JSONValue {
            func parameter(_ name: String, in location: String, _ type: JSONObject) -> JSONValue {
                var fields: JSONObject = ["name": .string(name), "in": .string(location)]
                if location == "path" { fields["required"] = true }
                if typesUnderSchema {
                    fields["schema"] = .object(type)
                } else {
                    for (key, value) in type { fields[key] = value }
                }
                return .object(fields)
            }
            let parameters =
                pathParameters.map { parameter($0, in: "path", ["type": "string"]) }
                + Self.queryParameters.map { parameter($0, in: "query", ["type": "string", "uniqueItems": true]) }
            return [
                "x-kubernetes-group-version-kind": groupVersionKind,
                "x-kubernetes-action": "patch",
                "parameters": .array(parameters),
                "responses": ["200": ["description": "OK"]],
            ]
        }
    }

    static func path(of gv: GroupVersion) -> String {
        gv.group.isEmpty ? "api/\(gv.version)" : "apis/\(gv.group)/\(gv.version)"
    }

    static func index(_ registry: ResourceRegistry) -> JSONValue {
        var paths = JSONObject()
        for gv in registry.groupVersions {
            paths[path(of: gv)] = [
                "serverRelativeURL": .string("/openapi/v3/\(path(of: gv))?hash=\(Discovery.kubernetesVersion)")
            ]
        }
        return ["paths": .object(paths)]
    }

    static func document(_ registry: ResourceRegistry, _ gv: GroupVersion) -> JSONValue {
        var paths = JSONObject()
        for operation in registry.resources(in: gv).map(PatchOperation.init) {
            paths[operation.path] = ["patch": operation.json(typesUnderSchema: true)]
        }
        return [
            "openapi": "3.0.0",
            "info": ["title": "Kubernetes", "version": .string(Discovery.kubernetesVersion)],
            "paths": .object(paths),
            "components": ["schemas": .object(JSONObject())],
        ]
    }
}
