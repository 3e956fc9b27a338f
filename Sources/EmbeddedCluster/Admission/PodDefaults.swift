import KubeAPI

/// The defaults the real API server fills into every pod spec (and pod templates of workloads).
///
/// Controllers that compare templates must see the same defaults a real cluster would add, so the
/// embedded server adds them too.
enum PodDefaults {
    static func apply(to podSpec: inout JSONValue) {
        let podDefaults: [(String, JSONValue)] = [
            ("restartPolicy", "Always"),
            ("terminationGracePeriodSeconds", 30),
            ("dnsPolicy", "ClusterFirst"),
            ("securityContext", .object(JSONObject())),
            ("schedulerName", "default-scheduler"),
        ]
        for (key, value) in podDefaults where podSpec[key] == nil {
            podSpec.setValue(value, at: [key])
        }
        for listKey in ["containers", "initContainers"] {
            guard let containers = podSpec[listKey]?.arrayValue else { continue }
            podSpec.setValue(.array(containers.map(defaultedContainer)), at: [listKey])
        }
    }

    private static func defaultedContainer(_ container: JSONValue) -> JSONValue {
        var container = container
        let image = container["image"]?.stringValue ?? ""
        let defaults: [(String, JSONValue)] = [
            ("resources", .object(JSONObject())),
            ("terminationMessagePath", "/dev/termination-log"),
            ("terminationMessagePolicy", "File"),
            ("imagePullPolicy", .string(pullPolicy(for: image))),
        ]
        for (key, value) in defaults where container[key] == nil {
            container.setValue(value, at: [key])
        }
        if let ports = container["ports"]?.arrayValue {
            container.setValue(.array(ports.map { port in
                var port = port
                if port["protocol"] == nil { port.setValue("TCP", at: ["protocol"]) }
                return port
            }), at: ["ports"])
        }
        return container
    }

    /// `Always` for `:latest` or untagged images, else `IfNotPresent`.
    static func pullPolicy(for image: String) -> String {
        if image.contains("@") { return "IfNotPresent" }
        let lastComponent = image.split(separator: "/").last.map(String.init) ?? image
        guard let colon = lastComponent.lastIndex(of: ":") else { return "Always" }
        return lastComponent[lastComponent.index(after: colon)...] == "latest" ? "Always" : "IfNotPresent"
    }
}
