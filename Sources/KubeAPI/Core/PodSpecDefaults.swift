/// The defaults a Kubernetes API server fills into a pod spec it stores — in a Pod and in the pod
/// template of a workload — when the fields are absent. One definition serves the embedded API
/// server (which must add what a real one adds) and the controller (which compares templates as
/// the server will have stored them).
public enum PodSpecDefaults {
    /// Adds the defaults to a pod spec (a Pod's `spec`, a workload's `spec.template.spec`).
    public static func apply(to spec: inout JSONValue) {
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
            container.setValue(
                .array(
                    ports.map { port in
                        var port = port
                        setIfAbsent(&port, "protocol", "TCP")
                        return port
                    }
                ),
                at: ["ports"]
            )
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
            container.setValue(
                .array(
                    environment.map { variable in
                        var variable = variable
                        if var fieldRef = variable[path: "valueFrom", "fieldRef"], fieldRef.objectValue != nil {
                            setIfAbsent(&fieldRef, "apiVersion", "v1")
                            variable.setValue(fieldRef, at: ["valueFrom", "fieldRef"])
                        }
                        return variable
                    }
                ),
                at: ["env"]
            )
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
    public static func pullPolicy(for image: String) -> String {
        if image.contains("@") { return "IfNotPresent" }
        let lastComponent = image.split(separator: "/").last.map(String.init) ?? image
        guard let colon = lastComponent.lastIndex(of: ":") else { return "Always" }
        return lastComponent[lastComponent.index(after: colon)...] == "latest" ? "Always" : "IfNotPresent"
    }
}
