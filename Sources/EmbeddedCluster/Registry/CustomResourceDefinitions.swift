import KubeAPI

/// What an `apiextensions.k8s.io/v1` CustomResourceDefinition makes the server serve, and the status
/// the real server's apiextensions controllers write on it.
enum CustomResourceDefinitions {
    /// One `ServedResource` per served version, highest-priority version first (v1 before v1beta1).
    static func served(by crd: JSONValue) -> [ServedResource] {
        guard let group = crd[path: "spec", "group"]?.stringValue,
            let kind = crd[path: "spec", "names", "kind"]?.stringValue,
            let plural = crd[path: "spec", "names", "plural"]?.stringValue
        else { return [] }
        let names = crd[path: "spec", "names"]
        let strings: (String) -> [String] = { key in names?[key]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        let versions = (crd[path: "spec", "versions"]?.arrayValue ?? []).filter { $0["served"] != false }
        return versions.compactMap { version -> ServedResource? in
            guard let name = version["name"]?.stringValue else { return nil }
            var subresources: Set<ResourceDescriptor.Subresource> = []
            if version[path: "subresources", "status"] != nil { subresources.insert(.status) }
            var scale: ServedResource.CustomScalePaths?
            if let paths = version[path: "subresources", "scale"] {
                subresources.insert(.scale)
                scale = ServedResource.CustomScalePaths(
                    specReplicas: fieldPath(paths["specReplicasPath"]) ?? ["spec", "replicas"],
                    statusReplicas: fieldPath(paths["statusReplicasPath"]) ?? ["status", "replicas"],
                    labelSelector: fieldPath(paths["labelSelectorPath"])
                )
            }
            let descriptor = ResourceDescriptor(
                group: group,
                version: name,
                kind: kind,
                plural: plural,
                singular: names?["singular"]?.stringValue ?? kind.lowercased(),
                namespaced: crd[path: "spec", "scope"] != "Cluster",
                shortNames: strings("shortNames"),
                subresources: subresources,
                categories: strings("categories")
            )
            return ServedResource(descriptor, isBuiltIn: false, definedBy: crd.name, customScale: scale)
        }
        .sorted { VersionPriority.isHigher($0.descriptor.version, than: $1.descriptor.version) }
    }

    /// `.spec.replicas` as keys.
    static func fieldPath(_ value: JSONValue?) -> [String]? {
        guard let text = value?.stringValue, text.hasPrefix(".") else { return nil }
        return text.dropFirst().split(separator: ".").map(String.init)
    }

    /// The status the real server writes once it serves the definition: accepted names and the
    /// `NamesAccepted` and `Established` conditions (what `kubectl wait --for condition=established`
    /// waits for), with the previous transition times kept.
    static func status(of crd: JSONValue, at stamp: JSONValue) -> JSONValue {
        var accepted = crd[path: "spec", "names"] ?? [:]
        let kind = accepted["kind"]?.stringValue ?? ""
        if accepted["singular"] == nil { accepted.setValue(.string(kind.lowercased()), at: ["singular"]) }
        if accepted["listKind"] == nil { accepted.setValue(.string(kind + "List"), at: ["listKind"]) }
        let previous = crd[path: "status", "conditions"]?.arrayValue ?? []
        func condition(_ type: String, _ reason: String, _ message: String) -> JSONValue {
            let earlier = previous.first(where: { $0["type"]?.stringValue == type && $0["status"] == "True" })
            let since = earlier?["lastTransitionTime"]
            return [
                "type": .string(type), "status": "True", "lastTransitionTime": since ?? stamp,
                "reason": .string(reason), "message": .string(message),
            ]
        }
        let storage = (crd[path: "spec", "versions"]?.arrayValue ?? []).filter { $0["storage"] == true }
            .compactMap { $0["name"] }
        var stored = crd[path: "status", "storedVersions"]?.arrayValue ?? []
        for version in storage where !stored.contains(version) { stored.append(version) }
        return [
            "conditions": [
                condition("NamesAccepted", "NoConflicts", "no conflicts found"),
                condition("Established", "InitialNamesAccepted", "the initial names have been accepted"),
            ],
            "acceptedNames": accepted,
            "storedVersions": .array(stored),
        ]
    }

    /// The checks the real server makes that a client is likely to trip over: the name must be
    /// `<plural>.<group>`, and exactly one version is the storage version.
    static func validate(_ crd: JSONValue, resource: ServedResource) throws(APIError) {
        let name = crd.name ?? ""
        let plural = crd[path: "spec", "names", "plural"]?.stringValue ?? ""
        let group = crd[path: "spec", "group"]?.stringValue ?? ""
        var causes: [StatusCause] = []
        for (field, value) in [("spec.group", group), ("spec.names.plural", plural)] where value.isEmpty {
            causes.append(APIError.required(field: field))
        }
        if crd[path: "spec", "names", "kind"]?.stringValue?.isEmpty ?? true {
            causes.append(APIError.required(field: "spec.names.kind"))
        }
        if name != "\(plural).\(group)" {
            causes.append(
                APIError.invalidValue(
                    field: "metadata.name",
                    value: name,
                    detail: "must be spec.names.plural+\".\"+spec.group"
                )
            )
        }
        let versions = crd[path: "spec", "versions"]?.arrayValue ?? []
        if versions.filter({ $0["storage"] == true }).count != 1 {
            causes.append(
                APIError.invalidValue(
                    field: "spec.versions",
                    value: "\(versions.count) versions",
                    detail: "must have exactly one version marked as storage version"
                )
            )
        }
        if !causes.isEmpty { throw APIError.invalid(resource, name: name, causes: causes) }
    }
}

/// Kubernetes' version ordering for API versions: GA before beta before alpha, higher numbers first,
/// anything else after, alphabetically.
enum VersionPriority {
    private static func key(_ version: String) -> (rank: Int, major: Int, minor: Int)? {
        guard version.hasPrefix("v") else { return nil }
        let body = version.dropFirst()
        let digits = body.prefix { $0.isNumber }
        guard let major = Int(digits) else { return nil }
        let rest = body.dropFirst(digits.count)
        if rest.isEmpty { return (3, major, 0) }
        for (label, rank) in [("beta", 2), ("alpha", 1)] where rest.hasPrefix(label) {
            guard let minor = Int(rest.dropFirst(label.count)) else { return nil }
            return (rank, major, minor)
        }
        return nil
    }

    static func isHigher(_ lhs: String, than rhs: String) -> Bool {
        switch (key(lhs), key(rhs)) {
        case let (l?, r?): return (l.rank, l.major, l.minor) > (r.rank, r.major, r.minor)
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return lhs < rhs
        }
    }
}
