import KubeAPI

/// The real API server's defaults for a `batch/v1` Job: counts, and a generated selector whose
/// labels (with the Job's uid and name) it also writes into the pod template.
enum JobDefaults {
    static func apply(to job: inout JSONValue) {
        if job[path: "spec", "completions"] == nil && job[path: "spec", "parallelism"] == nil {
            job.setValue(1, at: ["spec", "completions"])
        }
        let defaults: [(String, JSONValue)] = [
            ("parallelism", 1), ("backoffLimit", 6), ("completionMode", "NonIndexed"), ("suspend", false),
        ]
        for (key, value) in defaults where job[path: "spec", key] == nil {
            job.setValue(value, at: ["spec", key])
        }
        guard job[path: "spec", "selector"] == nil, job[path: "spec", "manualSelector"] != true,
            let uid = job.uid, let name = job.name
        else { return }
        job.setValue(["matchLabels": ["batch.kubernetes.io/controller-uid": .string(uid)]], at: ["spec", "selector"])
        let generated: [(String, String)] = [
            ("batch.kubernetes.io/controller-uid", uid), ("batch.kubernetes.io/job-name", name),
            ("controller-uid", uid), ("job-name", name),
        ]
        for (key, value) in generated {
            job.setValue(.string(value), at: ["spec", "template", "metadata", "labels", key])
        }
    }
}
