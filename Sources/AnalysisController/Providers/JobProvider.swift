import FoundationEssentials
public import KubeAPI
public import KubeClient
public import KubeRuntime

/// Measures by running a Kubernetes Job from the metric's `job.spec`: named
/// `<run uid>.<metric>.<n>` (the metric's name shortened to keep 63 characters), owned by the run,
/// labelled with the run's uid. The measurement is Successful when the Job completes and Failed
/// when it fails; a terminating run deletes its running Jobs, and Jobs beyond the measurement
/// retention are deleted. Job status is read from the controller's Job cache (a direct read
/// where the cache does not have it yet).
public struct JobProvider: MeasurementProvider {
    public let name = "job"
    /// Label on Jobs (and their Pods) with the uid of the run.
    public static let runUIDLabel = "analysisrun.argoproj.io/uid"
    public static let runNameAnnotation = "analysisrun.argoproj.io/name"
    public static let runNamespaceAnnotation = "analysisrun.argoproj.io/namespace"
    public static let metricNameAnnotation = "analysisrun.argoproj.io/metric-name"
    /// Measurement metadata keys.
    public static let jobNameKey = "job-name"
    public static let jobNamespaceKey = "job-namespace"

    private let client: KubeClient
    private let jobs: ObjectCache<MetricJob>
    private let fence: WriteFence

    public init(client: KubeClient, jobs: ObjectCache<MetricJob>, fence: WriteFence) {
        self.client = client
        self.jobs = jobs
        self.fence = fence
    }

    /// `<run uid>.<metric>.<n>`, `n` being one more than the measurements taken so far.
    public static func jobName(runUID: String, metric: String, result: MetricResult?) -> String {
        let number = Int(result?.count ?? 0) + Int(result?.error ?? 0) + 1
        let name = "\(runUID).\(metric).\(number)"
        guard name.count > 63 else { return name }
        let keep = max(0, metric.count - (name.count - 63))
        return "\(runUID).\(metric.prefix(keep)).\(number)"
    }

    public func measure(_ request: MeasurementRequest) async -> ProviderOutcome {
        guard let job = request.metric.provider.job else { return .error("no job provider") }
        let run = request.run
        let namespace = request.namespace
        let uid = run.metadata.uid ?? ""
        let name = Self.jobName(
            runUID: uid,
            metric: request.metric.name,
            result: run.status?.result(named: request.metric.name)
        )
        var metadata = job.metadata ?? ObjectMeta()
        metadata.name = name
        metadata.namespace = namespace
        metadata.labels = (metadata.labels ?? [:]).merging([Self.runUIDLabel: uid]) { _, new in new }
        metadata.annotations = (metadata.annotations ?? [:]).merging([
            Self.runNameAnnotation: run.metadata.name ?? "",
            Self.runNamespaceAnnotation: namespace,
            Self.metricNameAnnotation: request.metric.name,
        ]) { _, new in new }
        metadata.ownerReferences = [
            OwnerReference(
                apiVersion: AnalysisRun.resource.apiVersion,
                kind: AnalysisRun.resource.kind,
                name: run.metadata.name ?? "",
                uid: uid,
                controller: true,
                blockOwnerDeletion: true
            )
        ]
        var spec = job.spec
        var podLabels = spec[path: "template", "metadata", "labels"]?.objectValue ?? JSONObject()
        podLabels[Self.runUIDLabel] = .string(uid)
        spec.setValue(.object(podLabels), at: ["template", "metadata", "labels"])
        let reference = [Self.jobNameKey: name, Self.jobNamespaceKey: namespace]
        do {
            var object: JSONValue = ["apiVersion": "batch/v1", "kind": "Job"]
            object["metadata"] = try KubeJSON.encodeValue(metadata)
            object["spec"] = spec
            _ = try await client.create(MetricJob.resource, object, namespace: namespace, timeout: try fence.timeout())
        } catch let error as KubeError where error.kind == .alreadyExists {
            // Created by an earlier attempt whose status write did not land: adopt it if it is ours.
            guard let existing = try? await existingJob(name, namespace: namespace),
                existing.metadata.controllerReference?.uid == uid
            else { return .error("job create \(name) failed: \(error.message)") }
        } catch {
            return .error("job create \(name) failed: \(error)")
        }
        // Look again at once: a short Job may already be done.
        return .inProgress(resumeAt: request.now, metadata: reference)
    }

    public func resume(_ request: MeasurementRequest, _ measurement: AnalysisMeasurement) async -> ProviderOutcome {
        guard let name = measurement.metadata?[Self.jobNameKey], !name.isEmpty else {
            return .error("job metadata reference missing")
        }
        let namespace = measurement.metadata?[Self.jobNamespaceKey] ?? request.namespace
        let job: MetricJob
        do {
            job = try await existingJob(name, namespace: namespace)
        } catch {
            return .error("job \(namespace)/\(name): \(error)")
        }
        if let finished = job.finishedCondition {
            let message = finished.type == "Failed" ? finished.message ?? finished.reason : nil
            return .decided(finished.type == "Complete" ? .successful : .failed, message: message)
        }
        // Look again after a delay that grows with the time the Job has been running.
        let started = measurement.startedAt?.date ?? request.now
        let elapsed = max(0, request.now.timeIntervalSince(started))
        return .inProgress(resumeAt: request.now.addingTimeInterval((2 * elapsed).squareRoot()))
    }

    public func terminate(_ request: MeasurementRequest, _ measurement: AnalysisMeasurement) async -> ProviderOutcome {
        guard let name = measurement.metadata?[Self.jobNameKey], !name.isEmpty else {
            return .error("job metadata reference missing")
        }
        let namespace = measurement.metadata?[Self.jobNamespaceKey] ?? request.namespace
        do {
            try await delete(name, namespace: namespace)
        } catch {
            return .error("job \(namespace)/\(name) could not be deleted: \(error)")
        }
        return .decided(.inconclusive, message: nil)
    }

    public func garbageCollect(run: AnalysisRun, metric: Metric, keep: Int) async throws {
        let uid = run.metadata.uid ?? ""
        let owned = jobs.list(namespace: run.metadata.namespace)
            .filter {
                $0.metadata.labels?[Self.runUIDLabel] == uid
                    && $0.metadata.annotations?[Self.metricNameAnnotation] == metric.name
            }
            .sorted {
                ($0.metadata.creationTimestamp?.date ?? .distantPast)
                    < ($1.metadata.creationTimestamp?.date ?? .distantPast)
            }
        for job in owned.dropLast(keep) {
            try await delete(job.metadata.name ?? "", namespace: job.metadata.namespace ?? "")
        }
    }

    private func existingJob(_ name: String, namespace: String) async throws -> MetricJob {
        if let cached = jobs.get(ObjectKey(namespace: namespace, name: name)) { return cached }
        return try await client.get(MetricJob.self, name: name, namespace: namespace, timeout: fence.requestTimeout)
    }

    private func delete(_ name: String, namespace: String) async throws {
        do {
            try await client.delete(
                MetricJob.resource,
                name: name,
                namespace: namespace,
                propagation: .foreground,
                timeout: try fence.timeout()
            )
        } catch let error as KubeError where error.kind == .notFound {
            return
        }
    }
}
