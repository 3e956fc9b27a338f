import KubeAPI

/// The checks and defaults the real API server applies before storing an object, with its status
/// codes and messages.
enum Admission {
    /// etcd's default request limit; a larger object is refused the way etcd refuses it.
    static let maximumObjectSize = 1_572_864

    /// `apiVersion` and `kind` in a body must name the resource of the URL.
    static func checkTypeMeta(_ object: JSONValue, resource: ServedResource) throws(APIError) {
        guard object.objectValue != nil else { throw APIError.badRequest("the request body must be a JSON object") }
        let apiVersion = object["apiVersion"]?.stringValue
        let kind = object["kind"]?.stringValue
        if let kind, kind != resource.descriptor.kind {
            throw APIError.badRequest(
                "the kind in the data (\(kind)) does not match the expected kind (\(resource.descriptor.kind))"
            )
        }
        if let apiVersion, apiVersion != resource.descriptor.apiVersion {
            throw APIError.badRequest(
                "the API version in the data (\(apiVersion)) does not match the expected API version (\(resource.descriptor.apiVersion))"
            )
        }
    }

    /// Namespaces and Services need DNS-1123 labels, everything else DNS-1123 subdomains.
    static func validateName(_ name: String, resource: ServedResource) throws(APIError) {
        let labelOnly = ["Namespace", "Service"].contains(resource.descriptor.kind)
        let problems = labelOnly ? NameValidation.dns1123LabelErrors(name) : NameValidation.dns1123SubdomainErrors(name)
        guard !problems.isEmpty else { return }
        throw APIError.invalid(
            resource,
            name: name,
            causes: problems.map {
                APIError.invalidValue(field: "metadata.name", value: name, detail: $0)
            }
        )
    }

    /// Label keys and values, and annotation keys, must be well formed.
    static func validateMetadata(_ object: JSONValue, resource: ServedResource, name: String) throws(APIError) {
        var causes: [StatusCause] = []
        for (key, value) in object.labels {
            for problem in NameValidation.labelKeyErrors(key) {
                causes.append(APIError.invalidValue(field: "metadata.labels", value: key, detail: problem))
            }
            for problem in NameValidation.labelValueErrors(value) {
                causes.append(APIError.invalidValue(field: "metadata.labels", value: value, detail: problem))
            }
        }
        for key in object.stringMap(at: ["metadata", "annotations"]).keys {
            for problem in NameValidation.labelKeyErrors(key.lowercased()) {
                causes.append(APIError.invalidValue(field: "metadata.annotations", value: key, detail: problem))
            }
        }
        if let labels = object[path: "metadata", "labels"], !labels.isNull,
            labels.objectValue?.allSatisfy({ $0.value.stringValue != nil }) != true
        {
            causes.append(
                StatusCause(
                    reason: "FieldValueTypeInvalid",
                    message: "Invalid value: labels must be a map of strings",
                    field: "metadata.labels"
                )
            )
        }
        if !causes.isEmpty {
            throw APIError.invalid(
                resource,
                name: name,
                causes: causes.sorted { ($0.message ?? "") < ($1.message ?? "") }
            )
        }
    }

    static func checkSize(_ size: Int, resource: ServedResource, name: String) throws(APIError) {
        if size > maximumObjectSize {
            throw APIError.tooLarge(
                "etcdserver: request is too large (\(resource.descriptor.qualifiedName) \"\(name)\" is \(size) bytes, the limit is \(maximumObjectSize))"
            )
        }
    }

    /// The real API server's defaults for workloads: pod template fields and `spec.replicas`.
    static func applyDefaults(_ object: inout JSONValue, resource: ServedResource) {
        guard let path = resource.podSpecPath else { return }
        if resource.descriptor.kind == "Job" { JobDefaults.apply(to: &object) }
        if ["ReplicaSet", "Deployment"].contains(resource.descriptor.kind), object[path: "spec", "replicas"] == nil {
            object.setValue(1, at: ["spec", "replicas"])
        }
        if resource.descriptor.kind == "Deployment" { applyDeploymentDefaults(&object) }
        guard var podSpec = object.value(at: path), podSpec.objectValue != nil else { return }
        PodSpecDefaults.apply(to: &podSpec)
        object.setValue(podSpec, at: path)
    }

    private static func applyDeploymentDefaults(_ object: inout JSONValue) {
        let defaults: [(String, JSONValue)] = [("revisionHistoryLimit", 10), ("progressDeadlineSeconds", 600)]
        for (key, value) in defaults where object[path: "spec", key] == nil {
            object.setValue(value, at: ["spec", key])
        }
        if object[path: "spec", "strategy"] == nil {
            object.setValue(
                ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": "25%", "maxSurge": "25%"]],
                at: ["spec", "strategy"]
            )
        }
    }
}
