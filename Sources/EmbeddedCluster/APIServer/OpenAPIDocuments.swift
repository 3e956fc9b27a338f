import KubeAPI

/// Minimal OpenAPI v3 documents: no schemas, but every resource's PATCH operation declares the
/// `fieldValidation` query parameter with its group-version-kind.
///
/// That is what kubectl (1.27+) looks for to decide that the server validates fields itself; it then
/// skips downloading schemas for client-side validation, so `kubectl apply` works without flags.
enum OpenAPIDocuments {
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
        for served in registry.resources(in: gv) {
            let d = served.descriptor
            let gvk: JSONValue = ["group": .string(d.group), "version": .string(d.version), "kind": .string(d.kind)]
            let patch: JSONValue = [
                "x-kubernetes-group-version-kind": gvk,
                "x-kubernetes-action": "patch",
                "parameters": [
                    ["name": "name", "in": "path", "required": true, "schema": ["type": "string"]],
                    ["name": "fieldValidation", "in": "query", "schema": ["type": "string"]],
                    ["name": "dryRun", "in": "query", "schema": ["type": "string"]],
                ],
                "responses": ["200": ["description": "OK"]],
            ]
            let objectPath = d.objectPath(namespace: d.namespaced ? "{namespace}" : nil, name: "{name}")
            paths[objectPath] = ["patch": patch]
        }
        return [
            "openapi": "3.0.0",
            "info": ["title": "Kubernetes", "version": .string(Discovery.kubernetesVersion)],
            "paths": .object(paths),
            "components": ["schemas": .object(JSONObject())],
        ]
    }
}

extension OpenAPIDocuments {
    /// An empty OpenAPI v2 document (no definitions) in the protobuf form older kubectl versions
    /// (before 1.27) download for client-side validation; with no definitions they skip validation.
    static func swaggerProtobuf() -> [UInt8] {
        func field(_ number: UInt8, _ payload: [UInt8]) -> [UInt8] {
            precondition(payload.count < 128, "short fields only")
            return [number << 3 | 2, UInt8(payload.count)] + payload
        }
        let info = field(1, Array("Kubernetes".utf8)) + field(2, Array(Discovery.kubernetesVersion.utf8))
        return field(1, Array("2.0".utf8)) + field(2, info) + field(8, []) + field(9, [])
    }

    static func swaggerJSON() -> JSONValue {
        [
            "swagger": "2.0",
            "info": ["title": "Kubernetes", "version": .string(Discovery.kubernetesVersion)],
            "paths": .object(JSONObject()),
            "definitions": .object(JSONObject()),
        ]
    }
}
