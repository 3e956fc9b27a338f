import KubeAPI

/// The `autoscaling/v1` Scale view of a workload, and how a Scale write maps back onto it.
enum ScaleSubresource {
    static func scale(of object: JSONValue, resource: ServedResource) -> JSONValue {
        var metadata = JSONObject()
        for key in ["name", "namespace", "uid", "resourceVersion", "creationTimestamp"] {
            if let value = object[path: "metadata", key] { metadata[key] = value }
        }
        let paths = resource.customScale
        var status: JSONValue = ["replicas": object.value(at: paths?.statusReplicas ?? ["status", "replicas"]) ?? 0]
        if let selector = selectorString(of: object, resource: resource) {
            status.setValue(.string(selector), at: ["selector"])
        }
        return [
            "kind": "Scale", "apiVersion": "autoscaling/v1", "metadata": .object(metadata),
            "spec": [
                "replicas": object.value(at: paths?.specReplicas ?? ["spec", "replicas"]) ?? (paths == nil ? 1 : 0)
            ],
            "status": status,
        ]
    }

    static func selectorString(of object: JSONValue, resource: ServedResource) -> String? {
        if let paths = resource.customScale {
            return paths.labelSelector.flatMap { object.value(at: $0)?.stringValue }
        }
        switch resource.scaleSelectorSource {
        case .specSelector:
            guard let value = object[path: "spec", "selector"],
                let selector = try? KubeJSON.decode(LabelSelector.self, from: value),
                let parsed = try? Selector(selector)
            else { return nil }
            return parsed.description
        case .statusSelectorString:
            return object[path: "status", "selector"]?.stringValue
        case nil:
            return nil
        }
    }

    /// Applies a written Scale to the object: only `spec.replicas` (and the version check) carry over.
    static func apply(_ scale: JSONValue, to object: JSONValue, resource: ServedResource) throws(APIError) -> JSONValue
    {
        guard let replicas = scale[path: "spec", "replicas"], let count = replicas.intValue, count >= 0 else {
            throw APIError(
                code: 422,
                reason: StatusReason.invalid,
                message:
                    "Scale.autoscaling \"\(object.name ?? "")\" is invalid: spec.replicas: Invalid value: must be greater than or equal to 0"
            )
        }
        var next = object
        next.setValue(replicas, at: resource.customScale?.specReplicas ?? ["spec", "replicas"])
        if let version = scale[path: "metadata", "resourceVersion"]?.stringValue, !version.isEmpty {
            next.setMetadata("resourceVersion", .string(version))
        }
        return next
    }
}
