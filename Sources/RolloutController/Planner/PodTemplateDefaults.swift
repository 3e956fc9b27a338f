public import KubeAPI

/// The defaults an API server fills into the pod template of a ReplicaSet it stores (a Rollout is a
/// custom resource, so its own template stays as written). Comparing a Rollout's template with a
/// ReplicaSet's is only meaningful with these applied to both sides — that is how ReplicaSets made
/// by another controller (after a migration from the incumbent) are recognised by content rather
/// than by a hash neither side can recompute.
///
/// Only fields the server sets when they are absent are covered; anything missed here makes two
/// equal templates look different, which costs a new ReplicaSet, never a wrong adoption.
public enum PodTemplateDefaults {
    /// The template as it reads after defaulting, without the `rollouts-pod-template-hash` label.
    public static func normalized(_ template: PodTemplateSpec) -> JSONValue {
        guard var value = try? KubeJSON.encodeValue(PodTemplateHash.withoutHashLabel(template)) else { return .null }
        if var spec = value["spec"], spec.objectValue != nil {
            applyPodDefaults(to: &spec)
            value.setValue(spec, at: ["spec"])
        }
        if var metadata = value["metadata"], let object = metadata.objectValue {
            // Empty label and annotation maps are dropped by the server's encoder.
            for key in ["labels", "annotations"] where object[key]?.objectValue?.isEmpty == true {
                metadata.setValue(nil, at: [key])
            }
            value.setValue(metadata.objectValue?.isEmpty == true ? nil : metadata, at: ["metadata"])
        }
        return value
    }

    static func applyPodDefaults(to spec: inout JSONValue) {
        setIfAbsent(&spec, "restartPolicy", "Always")
        setIfAbsent(&spec, "terminationGracePeriodSeconds", 30)
        setIfAbsent(&spec, "dnsPolicy", "ClusterFirst")
        setIfAbsent(&spec, "securityContext", .object(JSONObject()))
        setIfAbsent(&spec, "schedulerName", "default-scheduler")
        for key in ["containers", "initContainers"] {
            guard let containers = spec[key]?.arrayValue else { continue }
            spec.setValue(.array(containers.map(defaultedContainer)), at: [key])
        }
        if let volumes = spec["volumes"]?.arrayValue {
            spec.setValue(.array(volumes.map(defaultedVolume)), at: ["volumes"])
        }
    }

    private static func defaultedContainer(_ container: JSONValue) -> JSONValue {
        var container = container
        let image = container["image"]?.stringValue ?? ""
        setIfAbsent(&container, "resources", .object(JSONObject()))
        setIfAbsent(&container, "terminationMessagePath", "/dev/termination-log")
        setIfAbsent(&container, "terminationMessagePolicy", "File")
        setIfAbsent(&container, "imagePullPolicy", .string(pullPolicy(for: image)))
        if let ports = container["ports"]?.arrayValue {
            container.setValue(.array(ports.map { port in
                var port = port
                setIfAbsent(&port, "protocol", "TCP")
                return port
            }), at: ["ports"])
        }
        for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
            guard var value = container[probe], value.objectValue != nil else { continue }
            setIfAbsent(&value, "timeoutSeconds", 1)
            setIfAbsent(&value, "periodSeconds", 10)
            setIfAbsent(&value, "successThreshold", 1)
            setIfAbsent(&value, "failureThreshold", 3)
            if var httpGet = value["httpGet"], httpGet.objectValue != nil {
                setIfAbsent(&httpGet, "scheme", "HTTP")
                setIfAbsent(&httpGet, "path", "/")
                value.setValue(httpGet, at: ["httpGet"])
            }
            container.setValue(value, at: [probe])
        }
        if let environment = container["env"]?.arrayValue {
            container.setValue(.array(environment.map { variable in
                var variable = variable
                if var fieldRef = variable[path: "valueFrom", "fieldRef"], fieldRef.objectValue != nil {
                    setIfAbsent(&fieldRef, "apiVersion", "v1")
                    variable.setValue(fieldRef, at: ["valueFrom", "fieldRef"])
                }
                return variable
            }), at: ["env"])
        }
        return container
    }

    private static func defaultedVolume(_ volume: JSONValue) -> JSONValue {
        var volume = volume
        for source in ["configMap", "secret", "downwardAPI", "projected"] {
            guard var value = volume[source], value.objectValue != nil else { continue }
            setIfAbsent(&value, "defaultMode", 420)
            volume.setValue(value, at: [source])
        }
        return volume
    }

    private static func setIfAbsent(_ object: inout JSONValue, _ key: String, _ value: JSONValue) {
        if object[key] == nil { object.setValue(value, at: [key]) }
    }

    /// `Always` for `:latest` or untagged images, else `IfNotPresent` (a digest counts as a tag).
    static func pullPolicy(for image: String) -> String {
        if image.contains("@") { return "IfNotPresent" }
        let lastComponent = image.split(separator: "/").last.map(String.init) ?? image
        guard let colon = lastComponent.lastIndex(of: ":") else { return "Always" }
        return lastComponent[lastComponent.index(after: colon)...] == "latest" ? "Always" : "IfNotPresent"
    }
}
