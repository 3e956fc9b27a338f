import Foundation
import KubeAPI
import RolloutController
import Testing

/// An in-memory world for the planner: plans are applied by the production `PlanApplier` through the
/// `InMemoryWriter`, which writes as the API server would; the world adds only what the ReplicaSet
/// controller and the kubelet do — pods, available at once unless `podsBecomeAvailable` says
/// otherwise, and the ReplicaSets' status.
struct PlannerWorld {
    var rollout: Rollout
    var replicaSets: [ReplicaSet] = []
    /// ReplicaSets nobody controls (another controller's, before adoption).
    var orphans: [ReplicaSet] = []
    var services: [String: Service] = [:]
    var pods: [Pod] = []
    var now = Date(timeIntervalSince1970: 1_800_000_000)
    var events: [String] = []
    /// What the reconciler would remember of a failing dependency.
    var dependencyFailure: DependencyFailure?
    /// When false, new pods never become available (a bad image).
    var podsBecomeAvailable = true
    var lastPlan = Plan()
    /// Every pod deleted for a restart so far, by name.
    var restartedPods: [String] = []
    private var nextUID = 0
    /// The API server: holds the objects while a plan is applied.
    private let cluster = InMemoryWriter()

    init(
        replicas: Int32 = 10,
        image: String = "app:v1",
        steps: [CanaryStep]? = nil,
        maxSurge: IntOrString? = nil,
        maxUnavailable: IntOrString? = nil
    ) {
        let labels = ["app": "demo"]
        var metadata = ObjectMeta(name: "demo", namespace: "default")
        metadata.uid = "rollout-uid"
        metadata.generation = 1
        rollout = Rollout(
            metadata: metadata,
            spec: RolloutSpec(
                replicas: replicas,
                selector: LabelSelector(matchLabels: labels),
                template: PodTemplateSpec(
                    metadata: ObjectMeta(labels: labels),
                    spec: PodSpec(containers: [Container(name: "app", image: image)])
                ),
                strategy: RolloutStrategy(
                    canary: CanaryStrategy(maxSurge: maxSurge, maxUnavailable: maxUnavailable, steps: steps)
                )
            )
        )
    }

    var input: PlannerInput {
        PlannerInput(
            rollout: rollout,
            replicaSets: replicaSets,
            orphans: orphans,
            services: services,
            pods: pods,
            dependencyFailure: dependencyFailure,
            now: now
        )
    }

    /// One reconcile: plan, and apply the plan with the production applier to the world's objects
    /// held by the in-memory writer; then the ReplicaSets' pods catch up.
    @discardableResult
    mutating func reconcile() async -> Plan {
        let input = self.input
        let plan = RolloutPlanner.plan(input)
        let named = services.values.sorted { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }
        let objects: [[any KubeObject]] = [[rollout], replicaSets, orphans, named, pods]
        await cluster.reset(to: objects.flatMap { $0 }, now: now)
        var recorded: [PlannedEvent] = []
        do {
            try await PlanApplier(writer: cluster).apply(plan, madeFrom: input) { recorded.append($0) }
        } catch {
            Issue.record("applying the plan failed: \(error)")
        }
        rollout = await cluster.get(Rollout.self, name: "demo", namespace: "default") ?? rollout
        let all = await cluster.list(ReplicaSet.self)
        replicaSets = all.filter { $0.metadata.controllerReference?.uid == rollout.metadata.uid }
        orphans = all.filter { $0.metadata.controllerReference?.uid != rollout.metadata.uid }
        services = Dictionary(
            uniqueKeysWithValues: await cluster.list(Service.self).map { ($0.metadata.name ?? "", $0) }
        )
        pods = await cluster.list(Pod.self)
        restartedPods += plan.restarts.map(\.name)
        events += recorded.map { "\($0.reason): \($0.message)" }
        syncPods()
        lastPlan = plan
        return plan
    }

    /// What the ReplicaSet controller and kubelet do: each ReplicaSet gets as many pods as it wants
    /// (new ones ready at once unless pods never become available), and its status says so.
    private mutating func syncPods() {
        for index in replicaSets.indices {
            let replicaSet = replicaSets[index]
            let uid = replicaSet.metadata.uid ?? ""
            let wanted = Int(replicaSet.spec.replicas ?? 1)
            var owned = pods.filter { $0.metadata.ownerReferences?.first?.uid == uid }
            while owned.count > wanted {
                let victim = owned.removeLast()
                pods.removeAll { $0.metadata.uid == victim.metadata.uid }
            }
            while owned.count < wanted {
                let pod = makePod(for: replicaSet, ready: podsBecomeAvailable)
                pods.append(pod)
                owned.append(pod)
            }
            let ready = Int32(owned.filter(\.isReady).count)
            var status = replicaSets[index].status ?? ReplicaSetStatus()
            status.replicas = Int32(owned.count)
            status.readyReplicas = ready
            status.availableReplicas = ready
            status.observedGeneration = replicaSet.metadata.generation
            replicaSets[index].status = status
        }
    }

    private mutating func makePod(for replicaSet: ReplicaSet, ready: Bool) -> Pod {
        var metadata = ObjectMeta(name: "\(replicaSet.metadata.name ?? "rs")-\(uid())", namespace: "default")
        metadata.uid = uid()
        metadata.creationTimestamp = KubeTime(now)
        metadata.labels = replicaSet.spec.template?.metadata?.labels
        metadata.ownerReferences = [
            OwnerReference(
                apiVersion: "apps/v1",
                kind: "ReplicaSet",
                name: replicaSet.metadata.name ?? "",
                uid: replicaSet.metadata.uid ?? "",
                controller: true
            )
        ]
        let condition = PodCondition(type: "Ready", status: ready ? "True" : "False", lastTransitionTime: KubeTime(now))
        return Pod(metadata: metadata, status: PodStatus(phase: "Running", conditions: [condition]))
    }

    private mutating func uid() -> String {
        nextUID += 1
        return "uid-\(nextUID)"
    }

    /// Reconciles until nothing changes (or a pause / deadline needs time to pass).
    mutating func settle(limit: Int = 60) async {
        for _ in 0..<limit {
            if await reconcile().isEmpty { return }
        }
    }

    var status: RolloutStatus { rollout.status ?? RolloutStatus() }

    func condition(_ type: String) -> RolloutCondition? {
        status.conditions?.first { $0.type == type }
    }

    func replicaSet(_ hash: String?) -> ReplicaSet? {
        replicaSets.first { $0.metadata.labels?["rollouts-pod-template-hash"] == hash }
    }

    func size(_ hash: String?) -> Int32 {
        replicaSet(hash)?.spec.replicas ?? 0
    }

    var canarySize: Int32 { size(status.currentPodHash) }
    var stableSize: Int32 { size(status.stableRS) }

    mutating func setImage(_ image: String) {
        rollout.spec.template?.spec?.containers[0].image = image
        bumpGeneration()
    }

    mutating func bumpGeneration() {
        rollout.metadata.generation = (rollout.metadata.generation ?? 1) + 1
    }

    /// What the incumbent's CLI writes for `promote`: clear the pause conditions.
    mutating func promote() {
        rollout.status?.pauseConditions = nil
    }

    /// A Service selecting the Rollout's pods, as a user would create it.
    mutating func addService(
        _ name: String,
        annotations: [String: String]? = nil,
        selector: [String: String] = ["app": "demo"]
    ) {
        var metadata = ObjectMeta(name: name, namespace: "default")
        metadata.annotations = annotations
        services[name] = Service(metadata: metadata, spec: ServiceSpec(selector: selector))
    }
}
