import KubeAPI

/// The OpenAPI v2 document (`/openapi/v2`), as JSON and as the protobuf older kubectl versions
/// (before 1.27) download: a PATCH path per served kind, and no definitions.
///
/// kubectl 1.20 allows `--dry-run=server` for a kind only when a path's PATCH operation carries the
/// kind in `x-kubernetes-group-version-kind` and a `dryRun` query parameter. With no definitions it
/// has no schema to validate against, so it leaves validation to the server.
extension OpenAPIDocuments {
    static func swaggerJSON(_ registry: ResourceRegistry) -> JSONValue {
        var paths = JSONObject()
        for operation in registry.resources.map(PatchOperation.init) {
            paths[operation.path] = ["patch": operation.json(typesUnderSchema: false)]
        }
        return [
            "swagger": "2.0",
            "info": ["title": "Kubernetes", "version": .string(Discovery.kubernetesVersion)],
            "paths": .object(paths),
            "definitions": .object(JSONObject()),
        ]
    }

    /// The same document as gnostic's `openapi.v2.Document` (field numbers from its `OpenAPIv2.proto`).
    static func swaggerProtobuf(_ registry: ResourceRegistry) -> [UInt8] {
        var document = ProtobufWriter()
        document.string(1, "2.0")  // swagger
        document.message(2) { info in  // info
            info.string(1, "Kubernetes")  // title
            info.string(2, Discovery.kubernetesVersion)  // version
        }
        document.message(8) { paths in  // paths
            for operation in registry.resources.map(PatchOperation.init) {
                paths.message(2) { named in  // path: NamedPathItem
                    named.string(1, operation.path)  // name
                    named.message(2) { item in  // value: PathItem
                        item.message(8) { encodePatch(operation, into: &$0) }  // patch
                    }
                }
            }
        }
        document.message(9) { _ in }  // definitions: none
        return document.bytes
    }

    /// An `Operation`: its parameters, a 200 response, and the vendor extensions.
    private static func encodePatch(_ operation: PatchOperation, into patch: inout ProtobufWriter) {
        for name in operation.pathParameters {
            encodeParameter(into: &patch, location: 4) { path in  // path_parameter_sub_schema
                path.bool(1, true)  // required
                path.string(2, "path")  // in
                path.string(4, name)  // name
                path.string(5, "string")  // type
            }
        }
        for name in PatchOperation.queryParameters {
            encodeParameter(into: &patch, location: 3) { query in  // query_parameter_sub_schema
                query.string(2, "query")  // in
                query.string(4, name)  // name
                query.string(6, "string")  // type
                query.bool(20, true)  // unique_items
            }
        }
        patch.message(9) { responses in  // responses
            responses.message(1) { code in  // response_code: NamedResponseValue
                code.string(1, "200")  // name
                code.message(2) { value in  // value: ResponseValue
                    value.message(1) { $0.string(1, "OK") }  // response: Response { description }
                }
            }
        }
        encodeExtension(into: &patch, name: "x-kubernetes-action", yaml: "patch\n")
        encodeExtension(into: &patch, name: "x-kubernetes-group-version-kind", yaml: groupVersionKindYAML(operation))
    }

    /// `parameters` (8): ParametersItem { parameter (1): Parameter { non_body_parameter (2):
    /// NonBodyParameter { `location`: the sub-schema } } }.
    private static func encodeParameter(
        into patch: inout ProtobufWriter,
        location: Int,
        _ subSchema: (inout ProtobufWriter) -> Void
    ) {
        patch.message(8) { item in
            item.message(1) { parameter in
                parameter.message(2) { $0.message(location, subSchema) }
            }
        }
    }

    /// `vendor_extension` (13): NamedAny { name (1), value (2): Any { yaml (2) } }.
    private static func encodeExtension(into patch: inout ProtobufWriter, name: String, yaml: String) {
        patch.message(13) { named in
            named.string(1, name)
            named.message(2) { $0.string(2, yaml) }
        }
    }

    /// `group: "apps"\nkind: "Deployment"\nversion: "v1"\n`: keys sorted as the real server writes them,
    /// values double-quoted (a JSON string is a YAML double-quoted scalar), so the core group is `""`.
    private static func groupVersionKindYAML(_ operation: PatchOperation) -> String {
        [("group", operation.group), ("kind", operation.kind), ("version", operation.version)]
            .map { key, value in
                "\(key): \(String(decoding: JSONSerializer.serialize(.string(value)), as: UTF8.self))\n"
            }
            .joined()
    }
}
