import EmbeddedCluster
import KubeAPI
import KubeTestKit
import Testing

/// `batch/v1` Jobs run by the simulated Job controller and kubelet.
@Suite("Jobs and the simulated Job controller", .timeLimit(.minutes(2)))
struct JobTests {
    static func configuration(podDelay: Duration = .milliseconds(20)) -> EmbeddedClusterConfiguration {
        EmbeddedClusterConfiguration(
            allowsAnonymous: true,
            simulators: SimulatorConfiguration(podReadyDelay: podDelay, badImagePattern: ":fail$")
        )
    }
    static let jobs = "/apis/batch/v1/namespaces/default/jobs"
    static let pods = "/api/v1/namespaces/default/pods"

    static func job(_ name: String, image: String = "busybox:1", spec: [String: JSONValue] = [:]) -> JSONValue {
        var job: JSONValue = [
            "apiVersion": "batch/v1", "kind": "Job", "metadata": ["name": .string(name)],
            "spec": [
                "template": [
                    "spec": [
                        "restartPolicy": "Never",
                        "containers": [["name": "work", "image": .string(image)]],
                    ]
                ]
            ],
        ]
        for (key, value) in spec { job.setValue(value, at: ["spec", key]) }
        return job
    }

    static func finished(_ job: JSONValue) -> Bool {
        (job[path: "status", "conditions"]?.arrayValue ?? []).contains {
            ($0["type"] == "Complete" || $0["type"] == "Failed") && $0["status"] == "True"
        }
    }

    func pods(_ client: RawAPIClient, job: String) async throws -> [JSONValue] {
        try await client.get(Self.pods + "?labelSelector=job-name%3D\(job)").json["items"]?.arrayValue ?? []
    }

    @Test("the server defaults a Job's counts and generates its selector and pod labels")
    func defaults() async throws {
        try await withEmbeddedCluster { cluster in
            let client = await cluster.rawClient()
            let created = try await client.post(Self.jobs, Self.job("pi")).json
            let uid = try #require(created[path: "metadata", "uid"])
            #expect(created[path: "spec", "completions"] == 1)
            #expect(created[path: "spec", "parallelism"] == 1)
            #expect(created[path: "spec", "backoffLimit"] == 6)
            #expect(created[path: "spec", "selector", "matchLabels", "batch.kubernetes.io/controller-uid"] == uid)
            let labels = created[path: "spec", "template", "metadata", "labels"]
            #expect(labels?["job-name"] == "pi")
            #expect(labels?["batch.kubernetes.io/job-name"] == "pi")
            #expect(labels?["controller-uid"] == uid)
        }
    }

    @Test("completions and parallelism: pods run in pairs until three succeeded, then the Job is Complete")
    func completes() async throws {
        try await withEmbeddedCluster(Self.configuration()) { cluster in
            let client = await cluster.rawClient()
            // Watch before creating, so every status the Job controller writes is seen.
            var events = try await client.watch(Self.jobs + "?watch=true").makeAsyncIterator()
            _ = try await client.post(Self.jobs, Self.job("batch", spec: ["completions": 3, "parallelism": 2]))
            var mostActive = 0
            var done = JSONValue.null
            while let event = try await events.next(), let job = event["object"] {
                mostActive = max(mostActive, job[path: "status", "active"]?.intValue ?? 0)
                if Self.finished(job) {
                    done = job
                    break
                }
            }
            #expect(mostActive == 2)
            #expect(done[path: "status", "succeeded"] == 3)
            #expect(done[path: "status", "failed"] == 0)
            #expect(done[path: "status", "active"] == nil)
            #expect(done[path: "status", "startTime"] != nil)
            #expect(done[path: "status", "completionTime"] != nil)
            #expect(done[path: "status", "conditions"]?[0]?["type"] == "Complete")
            let pods = try await pods(client, job: "batch")
            #expect(pods.count == 3)
            for pod in pods {
                #expect(pod[path: "status", "phase"] == "Succeeded")
                #expect(pod[path: "metadata", "labels", "batch.kubernetes.io/job-name"] == "batch")
                #expect(pod[path: "metadata", "ownerReferences"]?[0]?["kind"] == "Job")
                #expect(pod[path: "metadata", "ownerReferences"]?[0]?["controller"] == true)
            }
        }
    }

    @Test("failed pods are replaced until more than backoffLimit failed; then Failed/BackoffLimitExceeded")
    func backoffLimit() async throws {
        try await withEmbeddedCluster(Self.configuration()) { cluster in
            let client = await cluster.rawClient()
            _ = try await client.post(Self.jobs, Self.job("flaky", image: "busybox:fail", spec: ["backoffLimit": 2]))
            let done = try await waitForObject(client, Self.jobs, "flaky", until: Self.finished)
            let condition = done[path: "status", "conditions"]?[0]
            #expect(condition?["type"] == "Failed")
            #expect(condition?["reason"] == "BackoffLimitExceeded")
            #expect(condition?["message"] == "Job has reached the specified backoff limit")
            #expect(done[path: "status", "failed"] == 3)
            #expect(done[path: "status", "completionTime"] == nil)
            let phases = try await pods(client, job: "flaky").compactMap { $0[path: "status", "phase"]?.stringValue }
            #expect(phases == ["Failed", "Failed", "Failed"])
        }
    }

    @Test("activeDeadlineSeconds fails a Job that runs too long and deletes its running pods")
    func deadline() async throws {
        try await withEmbeddedCluster(Self.configuration(podDelay: .seconds(30))) { cluster in
            let client = await cluster.rawClient()
            _ = try await client.post(Self.jobs, Self.job("slow", spec: ["activeDeadlineSeconds": 1]))
            let done = try await waitForObject(client, Self.jobs, "slow", until: Self.finished)
            #expect(done[path: "status", "conditions"]?[0]?["reason"] == "DeadlineExceeded")
            #expect(
                done[path: "status", "conditions"]?[0]?["message"] == "Job was active longer than specified deadline"
            )
            #expect(try await pods(client, job: "slow").isEmpty)
        }
    }

    @Test("deleting a Job with propagation deletes its pods")
    func cascade() async throws {
        try await withEmbeddedCluster(Self.configuration()) { cluster in
            let client = await cluster.rawClient()
            _ = try await client.post(Self.jobs, Self.job("gone", spec: ["completions": 2]))
            _ = try await waitForObject(client, Self.jobs, "gone", until: Self.finished)
            #expect(try await pods(client, job: "gone").count == 2)
            let deleted = try await client.delete(Self.jobs + "/gone", ["propagationPolicy": "Background"])
            #expect(deleted.status == 200)
            #expect(try await pods(client, job: "gone").isEmpty)
        }
    }

    @Test("the typed Job reads the server's Job and writes back the fields it does not model")
    func typedJob() async throws {
        try await withEmbeddedCluster(Self.configuration()) { cluster in
            let client = await cluster.rawClient()
            var body = Self.job("typed")
            body.setValue(["future": true], at: ["spec", "podFailurePolicy"])
            _ = try await client.post(Self.jobs, body)
            let done = try await waitForObject(client, Self.jobs, "typed", until: Self.finished)
            let job = try KubeJSON.decode(Job.self, from: done)
            #expect(job.isFinished)
            #expect(job.condition("Complete") != nil)
            #expect(job.spec.backoffLimit == 6)
            #expect(job.status?.succeeded == 1)
            #expect(try KubeJSON.encodeValue(job)[path: "spec", "podFailurePolicy"] == ["future": true])
        }
    }

    @Test("kubectl create job, then kubectl wait --for=condition=complete")
    func kubectlWait() async throws {
        try await withKubectl(Self.configuration()) { kubectl, _ in
            let created = try await kubectl.run(["create", "job", "hello", "--image=busybox:1"])
            #expect(created.status == 0, "\(created.stderr)")
            let waited = try await kubectl.run(["wait", "--for=condition=complete", "job/hello", "--timeout=60s"])
            #expect(waited.status == 0, "\(waited.stderr)")
            let succeeded = try await kubectl.run(["get", "job", "hello", "-o", "jsonpath={.status.succeeded}"])
            #expect(succeeded.stdout == "1")
        }
    }
}
