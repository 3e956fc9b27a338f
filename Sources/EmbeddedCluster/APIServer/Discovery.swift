import KubeAPI

/// The discovery documents kubectl reads before anything else: `/version`, `/api`, `/apis`, and each
/// group version's resource list with verbs, short names and subresources.
enum Discovery {
    static let kubernetesVersion = "v1.30.0"

    static func version() -> JSONValue {
        [
            "major": "1", "minor": "30", "gitVersion": .string(kubernetesVersion + "-vane"),
            "gitCommit": "embedded", "gitTreeState": "clean", "buildDate": "2026-01-01T00:00:00Z",
            "goVersion": "go1.22", "compiler": "gc", "platform": "linux/amd64",
        ]
    }

    static func coreVersions(serverAddress: String) -> JSONValue {
        [
            "kind": "APIVersions", "versions": ["v1"],
            "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": .string(serverAddress)]],
        ]
    }

    /// Every group served, then those of aggregated APIs (APIServices naming a Service).
    static func groupList(_ registry: ResourceRegistry, aggregated: [GroupVersion] = []) -> JSONValue {
        let groups = groupNames(registry, aggregated: aggregated).map { group(registry, $0, aggregated: aggregated) }
        return ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(groups)]
    }

    static func groupNames(_ registry: ResourceRegistry, aggregated: [GroupVersion] = []) -> [String] {
        var names: [String] = []
        for gv in registry.groupVersions + aggregated where !gv.group.isEmpty && !names.contains(gv.group) {
            names.append(gv.group)
        }
        return names
    }

    static func group(_ registry: ResourceRegistry, _ name: String, aggregated: [GroupVersion] = []) -> JSONValue {
        let versions = (registry.groupVersions + aggregated).filter { $0.group == name }.map { gv -> JSONValue in
            ["groupVersion": .string(gv.apiVersion), "version": .string(gv.version)]
        }
        var group: JSONValue = ["name": .string(name), "versions": .array(versions)]
        if let preferred = versions.first { group.setValue(preferred, at: ["preferredVersion"]) }
        return group
    }

    static let readVerbs: [JSONValue] = ["get", "list", "watch"]
    static let allVerbs: [JSONValue] = [
        "create", "delete", "deletecollection", "get", "list", "patch", "update", "watch",
    ]

    static func resourceList(_ registry: ResourceRegistry, _ gv: GroupVersion) -> JSONValue {
        var resources: [JSONValue] = []
        for served in registry.resources(in: gv) {
            let d = served.descriptor
            var entry: JSONValue = [
                "name": .string(d.plural), "singularName": .string(d.singular), "namespaced": .bool(d.namespaced),
                "kind": .string(d.kind), "verbs": .array(served.answersAccessReviews ? ["create"] : allVerbs),
            ]
            if !d.shortNames.isEmpty { entry.setValue(.array(d.shortNames.map { .string($0) }), at: ["shortNames"]) }
            if !d.categories.isEmpty { entry.setValue(.array(d.categories.map { .string($0) }), at: ["categories"]) }
            resources.append(entry)
            for sub in ResourceDescriptor.Subresource.allCases where d.subresources.contains(sub) {
                let kind = sub == .scale ? "Scale" : d.kind
                var subEntry: JSONValue = [
                    "name": .string("\(d.plural)/\(sub.rawValue)"), "singularName": "",
                    "namespaced": .bool(d.namespaced),
                    "kind": .string(kind), "verbs": ["get", "patch", "update"],
                ]
                if sub == .scale {
                    subEntry.setValue("autoscaling", at: ["group"])
                    subEntry.setValue("v1", at: ["version"])
                }
                resources.append(subEntry)
            }
            if served.acceptsEviction {
                resources.append([
                    "name": .string("\(d.plural)/eviction"), "singularName": "", "namespaced": .bool(d.namespaced),
                    "group": "policy", "version": "v1", "kind": "Eviction", "verbs": ["create"],
                ])
            }
        }
        return [
            "kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(gv.apiVersion),
            "resources": .array(resources),
        ]
    }
}
