import AnalysisController
import Foundation
import KubeAPI
import KubeClient
import KubeTestKit
import Testing

/// Job metrics against the embedded cluster, with the test acting as the Job controller (it marks
/// Jobs Complete or Failed).
@Suite("Job metrics end to end", .timeLimit(.minutes(2)))
struct JobMetricEndToEndTests {
    static let spec: JSONValue = [
        "backoffLimit": 0,
        "template": [
            "spec": ["restartPolicy": "Never", "containers": [["name": "check", "image": "{{args.image}}"]]]
        ],
    ]

    static func run(_ name: String, image: String, count: Int? = nil, interval: String? = nil) -> AnalysisRun {
        AnalysisHarness.run(
            name,
            [
                Metric(
                    name: "smoke",
                    interval: interval,
                    count: count.map(IntOrString.int),
                    provider: MetricProvider(job: JobMetric(metadata: ObjectMeta(labels: ["team": "qa"]), spec: spec))
                )
            ],
            args: [AnalysisArgument(name: "image", value: image)]
        )
    }

    /// Marks each new Job of the test Complete, or Failed when its image ends in `:bad`, as a Job
    /// controller would; leaves `:hang` images running.
    static func actAsJobController(_ client: KubeClient) async throws {
        for try await update in try await client.watch(MetricJob.self, namespace: "default") {
            guard case .added(let job) = update, job.finishedCondition == nil else { continue }
            let image = job.spec?[path: "template", "spec", "containers"]?[0]?["image"]?.stringValue ?? ""
            if image.hasSuffix(":hang") { continue }
            let type = image.hasSuffix(":bad") ? "Failed" : "Complete"
            _ = try await client.patch(
                MetricJob.resource,
                name: job.metadata.name ?? "",
                namespace: "default",
                patch: ["status": ["conditions": [["type": .string(type), "status": "True"]]]],
                type: .merge,
                subresource: .status
            )
        }
    }

    @Test("a Job per measurement, owned by the run; Complete is Successful, Failed is Failed")
    func jobsDecideMeasurements() async throws {
        try await AnalysisHarness.with { harness in
            try await harness.withController { _ in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await Self.actAsJobController(harness.client) }
                    defer { group.cancelAll() }
                    let created = try await harness.client.create(
                        Self.run("passes", image: "busybox:1", count: 2, interval: "1s")
                    )
                    let run = try await harness.completed("passes")
                    #expect(run.status?.phase == .successful)
                    let result = try #require(run.status?.result(named: "smoke"))
                    #expect(result.count == 2 && result.successful == 2)
                    let uid = try #require(created.metadata.uid)
                    #expect(
                        result.measurements?.map { $0.metadata?[JobProvider.jobNameKey] } == [
                            "\(uid).smoke.1", "\(uid).smoke.2",
                        ]
                    )
                    let jobs = try await harness.client.list(MetricJob.self, namespace: "default").items
                    #expect(jobs.count == 2)
                    for job in jobs {
                        #expect(job.metadata.controllerReference?.uid == uid)
                        #expect(job.metadata.labels == ["team": "qa", JobProvider.runUIDLabel: uid])
                        #expect(job.metadata.annotations?[JobProvider.metricNameAnnotation] == "smoke")
                        #expect(
                            job.spec?[path: "template", "metadata", "labels", JobProvider.runUIDLabel] == .string(uid)
                        )
                        #expect(job.spec?[path: "template", "spec", "containers"]?[0]?["image"] == "busybox:1")
                    }

                    _ = try await harness.client.create(Self.run("fails", image: "busybox:bad"))
                    let failed = try await harness.completed("fails")
                    #expect(failed.status?.phase == .failed)
                    #expect(
                        failed.status?.message
                            == "Metric \"smoke\" assessed Failed due to failed (1) > failureLimit (0)"
                    )
                }
            }
        }
    }

    @Test("terminating a run deletes its running Job and ends Successful")
    func terminationDeletesTheJob() async throws {
        try await AnalysisHarness.with { harness in
            try await harness.withController { _ in
                _ = try await harness.client.create(Self.run("hangs", image: "busybox:hang"))
                let running = try await harness.until("hangs", "a running Job") {
                    $0.status?.result(named: "smoke")?.lastMeasurement?.phase == .running
                }
                let jobName = try #require(
                    running.status?.result(named: "smoke")?.lastMeasurement?.metadata?[JobProvider.jobNameKey]
                )
                _ = try await harness.client.get(MetricJob.self, name: jobName, namespace: "default")
                _ = try await harness.client.patch(
                    AnalysisRun.resource,
                    name: "hangs",
                    namespace: "default",
                    patch: ["spec": ["terminate": true]],
                    type: .merge
                )
                let run = try await harness.completed("hangs")
                #expect(run.status?.phase == .successful)
                #expect(run.status?.message == "Run Terminated")
                let last = run.status?.result(named: "smoke")?.lastMeasurement
                #expect(last?.phase == .inconclusive && last?.message == "Metric Terminated")
                let remaining = try await harness.client.list(MetricJob.self, namespace: "default").items
                #expect(remaining.allSatisfy { $0.metadata.deletionTimestamp != nil })
            }
        }
    }
}
