public import FoundationEssentials
public import KubeAPI
public import KubeClient
public import KubeRuntime
public import Logging

/// Reconciles one AnalysisRun: takes the measurements that are due (from the cache's view of the
/// run, never by polling), judges them, assesses the metrics and the run, trims the history,
/// writes the status through the status subresource (with the version it read, under the
/// leadership fence), records events, and asks to be called again at the next measurement time.
/// Completed runs are deleted when their `ttlStrategy` says so. Everything it needs to continue is
/// in the run's status, so another replica or a restarted one carries on from there.
public struct AnalysisRunReconciler: Reconciler {
    public let runs: Informer<AnalysisRun>
    private let client: KubeClient
    private let fence: WriteFence
    private let events: EventRecorder
    private let registry: ProviderRegistry
    private let measurer: Measurer
    private let now: @Sendable () -> Date
    private let logger: Logger
    private let recentWrites = RecentWrites()

    public init(
        runs: Informer<AnalysisRun>,
        client: KubeClient,
        fence: WriteFence,
        events: EventRecorder,
        providers: ProviderRegistry,
        now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "vane.analysis")
    ) {
        self.runs = runs
        self.client = client
        self.fence = fence
        self.events = events
        self.registry = providers
        self.measurer = Measurer(registry: providers, now: now)
        self.now = now
        self.logger = logger
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        guard let cached = runs.cache.get(key), cached.metadata.deletionTimestamp == nil else {
            recentWrites.forget(key)
            return .done
        }
        let run = recentWrites.fresher(cached)
        let now = self.now()
        if run.status?.phase?.isCompleted == true { return try await expire(run, now: now) }
        var updated = run
        var events: [AnalysisEvent] = []
        var next: Date?
        do {
            let specification = try RunSpecification(run)
            next = try await evaluate(&updated, specification, now: now, events: &events)
        } catch {
            fail(&updated, message: error.message, now: now, events: &events)
        }
        if updated.status != run.status {
            let written = try await client.updateStatus(updated, timeout: try fence.timeout())
            recentWrites.record(written, replacing: run.metadata.resourceVersion)
            updated = written
        }
        for event in events {
            await self.events.record(
                ObjectReference(to: updated),
                type: event.warning ? .warning : .normal,
                reason: event.reason,
                message: event.message
            )
        }
        if updated.status?.phase?.isCompleted == true {
            logger.info(
                "analysis run completed",
                metadata: ["run.key": "\(key)", "phase": "\(updated.status?.phase?.rawValue ?? "")"]
            )
            return RunLifetime.expiry(of: updated).map { .requeue(after: Self.delay(from: now, to: $0)) } ?? .done
        }
        return next.map { .requeue(after: Self.delay(from: now, to: $0)) } ?? .done
    }

    static func delay(from now: Date, to date: Date) -> Duration {
        let seconds = max(0, date.timeIntervalSince(now))
        return .milliseconds(Int64((seconds * 1000).rounded(.up)))
    }

    /// Measures what is due, records it, and assesses the run. Returns when to look again.
    private func evaluate(
        _ run: inout AnalysisRun,
        _ specification: RunSpecification,
        now: Date,
        events: inout [AnalysisEvent]
    ) async throws(RunSpecification.Invalid) -> Date? {
        let tasks = MeasurementSchedule.dueTasks(
            run,
            metrics: specification.metrics,
            resolved: specification.resolved,
            now: now
        )
        if !tasks.isEmpty {
            let arguments = try await resolveArguments(of: run)
            var work: [(MeasurementSchedule.Task, Metric)] = []
            for task in tasks {
                do {
                    work.append((task, try AnalysisArguments.resolve(task.metric, with: arguments.arguments)))
                } catch {
                    throw RunSpecification.Invalid(
                        message: "Unable to resolve metric arguments: \(arguments.redact(error.message))"
                    )
                }
            }
            let terminating = RunAssessment.isTerminating(run)
            let snapshot = run
            let measurer = self.measurer
            let taken = await withTaskGroup(of: (Int, Measurer.Taken).self) { group in
                for (index, (task, metric)) in work.enumerated() {
                    group.addTask {
                        (
                            index,
                            await measurer.take(
                                task,
                                metric: metric,
                                run: snapshot,
                                terminating: terminating,
                                arguments: arguments
                            )
                        )
                    }
                }
                var taken: [(Int, Measurer.Taken)] = []
                for await item in group { taken.append(item) }
                return taken.sorted { $0.0 < $1.0 }.map(\.1)
            }
            var status = run.status ?? AnalysisRunStatus()
            for item in taken {
                var result = status.result(named: item.metric) ?? MetricResult(name: item.metric, phase: .running)
                if status.result(named: item.metric) == nil {
                    result.dryRun = specification.dryRun.contains(item.metric) ? true : nil
                    result.metadata = item.resultMetadata
                }
                MeasurementLedger.record(
                    item.measurement,
                    in: &result,
                    replacingLast: item.replacesLast,
                    counted: item.counted
                )
                if item.measurement.phase == .error {
                    logger.debug(
                        "measurement had an error",
                        metadata: [
                            "run.key": "\(run.key)", "metric": "\(item.metric)",
                            "error": "\(item.measurement.message ?? "")",
                        ]
                    )
                }
                status.setResult(result)
            }
            run.status = status
        }
        let outcome = RunAssessment.assess(
            &run,
            metrics: specification.resolved,
            dryRun: specification.dryRun,
            now: now
        )
        events += outcome.events
        if outcome.phase != run.status?.phase {
            run.status?.phase = outcome.phase
            run.status?.message = outcome.message.isEmpty ? nil : outcome.message
            if outcome.phase.isCompleted { complete(&run, now: now, events: &events) }
        }
        await collectGarbage(&run, specification)
        if run.status?.phase?.isCompleted == true { return nil }
        return MeasurementSchedule.nextReconcile(run, metrics: specification.resolved, now: now)
    }

    /// Trims each metric's measurements to its retention; providers that leave something behind
    /// (Jobs) delete what belonged to the trimmed ones.
    private func collectGarbage(_ run: inout AnalysisRun, _ specification: RunSpecification) async {
        guard var status = run.status else { return }
        let trimmed = MeasurementLedger.trim(&status, retention: specification.retention)
        for name in trimmed {
            guard let metric = specification.resolved.first(where: { $0.name == name }),
                case .success(let provider) = registry.provider(for: metric)
            else { continue }
            let keep = MeasurementLedger.limit(for: name, retention: specification.retention)
            do {
                try await provider.garbageCollect(run: run, metric: metric, keep: keep)
            } catch {
                logger.debug("garbage collection failed", metadata: ["run.key": "\(run.key)", "error": "\(error)"])
            }
        }
        run.status = status
    }

    private func fail(_ run: inout AnalysisRun, message: String, now: Date, events: inout [AnalysisEvent]) {
        var status = run.status ?? AnalysisRunStatus()
        status.phase = .error
        status.message = message
        run.status = status
        logger.info("analysis run is invalid", metadata: ["run.key": "\(run.key)", "reason": "\(message)"])
        complete(&run, now: now, events: &events)
    }

    private func complete(_ run: inout AnalysisRun, now: Date, events: inout [AnalysisEvent]) {
        let phase = run.status?.phase ?? .error
        if run.status?.completedAt == nil { run.status?.completedAt = KubeTime(now.wholeSeconds) }
        events.append(
            AnalysisEvent(
                reason: "AnalysisRun\(phase)",
                message: "Analysis Completed. Result: \(phase)",
                warning: phase == .error || phase == .failed
            )
        )
    }

    /// Deletes a completed run whose TTL has passed, or asks to be called when it will have.
    private func expire(_ run: AnalysisRun, now: Date) async throws -> ReconcileResult {
        guard let expiry = RunLifetime.expiry(of: run) else { return .done }
        guard expiry <= now else { return .requeue(after: Self.delay(from: now, to: expiry)) }
        do {
            try await client.delete(
                AnalysisRun.resource,
                name: run.metadata.name ?? "",
                namespace: run.metadata.namespace,
                preconditionUID: run.metadata.uid,
                timeout: try fence.timeout()
            )
            logger.info("deleted analysis run after its ttl", metadata: ["run.key": "\(run.key)"])
        } catch let error as KubeError where error.kind == .notFound || error.kind == .conflict {
            // Gone already, or replaced by a new run of the same name.
        }
        return .done
    }

    /// The run's arguments with Secret values read (each Secret once) and field references resolved.
    private func resolveArguments(of run: AnalysisRun) async throws(RunSpecification.Invalid) -> RunArguments {
        let namespace = run.metadata.namespace ?? ""
        var secrets: [String: Result<Secret, KubeError>] = [:]
        for argument in run.spec.args ?? [] {
            guard let name = argument.valueFrom?.secretKeyRef?.name, secrets[name] == nil else { continue }
            do {
                secrets[name] = .success(
                    try await client.get(Secret.self, name: name, namespace: namespace, timeout: fence.requestTimeout)
                )
            } catch {
                secrets[name] = .failure(error)
            }
        }
        do {
            return try RunArguments.resolve(run) { reference throws(AnalysisSpecError) in
                switch secrets[reference.name] {
                case .success(let secret):
                    if let encoded = secret.data?[reference.key], let data = Data(base64Encoded: encoded) {
                        return String(decoding: data, as: UTF8.self)
                    }
                    if let plain = secret.stringData?[reference.key] { return plain }
                    throw AnalysisSpecError("key '\(reference.key)' does not exist in secret '\(reference.name)'")
                case .failure(let error) where error.kind == .notFound:
                    throw AnalysisSpecError("secrets \"\(reference.name)\" not found")
                case .failure(let error):
                    throw AnalysisSpecError("secret \(reference.name): \(error.message)")
                case nil:
                    throw AnalysisSpecError("secrets \"\(reference.name)\" not found")
                }
            }
        } catch {
            throw RunSpecification.Invalid(message: "Unable to resolve metric arguments: \(error)")
        }
    }
}

extension RunSpecification.Invalid: CustomStringConvertible {
    public var description: String { message }
}
