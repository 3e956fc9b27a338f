import KubeAPI
import Testing

@Suite struct ArgoRoundTripTests {
    /// An Argo example-style canary Rollout (as in the incumbent's docs: steps, services, analysis,
    /// traffic routing), with fields from a future version sprinkled at every level.
    static let rolloutYAML = """
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata:
          name: rollouts-demo
          namespace: prod
          labels: {app: rollouts-demo}
          annotations: {notifications.argoproj.io/subscribe.on-rollout-completed.slack: deploys}
          generation: 4
          resourceVersion: "812"
        futureTopLevel: {keep: me}
        spec:
          replicas: 5
          revisionHistoryLimit: 3
          progressDeadlineSeconds: 120
          progressDeadlineAbort: true
          selector:
            matchLabels: {app: rollouts-demo}
          template:
            metadata:
              labels: {app: rollouts-demo}
            spec:
              containers:
              - name: rollouts-demo
                image: argoproj/rollouts-demo:blue
                ports: [{name: http, containerPort: 8080, protocol: TCP}]
                resources: {requests: {memory: 32Mi, cpu: 5m}}
              futurePodField: 1
          strategy:
            canary:
              canaryService: rollouts-demo-canary
              stableService: rollouts-demo-stable
              maxSurge: "25%"
              maxUnavailable: 0
              analysis:
                templates: [{templateName: success-rate}]
                startingStep: 2
                args: [{name: service-name, value: rollouts-demo-canary.prod.svc.cluster.local}]
              trafficRouting:
                nginx: {stableIngress: rollouts-demo-stable}
              futureCanaryField: [1, 2, 3]
              steps:
              - setWeight: 20
              - pause: {}
              - setWeight: 40
              - pause: {duration: 10s}
              - setCanaryScale: {replicas: 3}
              - analysis: {templates: [{templateName: success-rate}]}
              - pause: {duration: 60}
              - futureStepKind: {x: 1}
            futureStrategyField: true
          futureSpecField: {a: [1, {b: 2}]}
        status:
          phase: Paused
          message: CanaryPauseStep
          observedGeneration: "4"
          currentPodHash: 6f7d8c9b5
          currentStepHash: 5c8d6f7f9
          currentStepIndex: 1
          stableRS: 7b9c4d6f8
          replicas: 5
          updatedReplicas: 1
          readyReplicas: 5
          availableReplicas: 5
          HPAReplicas: 5
          selector: app=rollouts-demo
          pauseConditions: [{reason: CanaryPauseStep, startTime: "2026-11-22T10:00:00Z"}]
          controllerPause: true
          canary:
            weights:
              canary: {weight: 20, podTemplateHash: 6f7d8c9b5, serviceName: rollouts-demo-canary}
              stable: {weight: 80, podTemplateHash: 7b9c4d6f8, serviceName: rollouts-demo-stable}
            currentStepAnalysisRunStatus: {name: run-1, status: Running}
          conditions:
          - {type: Progressing, status: "True", reason: RolloutPaused, message: Rollout is paused, lastUpdateTime: "2026-11-22T10:00:00Z", lastTransitionTime: "2026-11-22T10:00:00Z", futureConditionField: x}
          futureStatusField: 7
        """

    @Test func rolloutRoundTripsWithUnknownFieldsAtEveryLevel() throws {
        let input = try #require(try YAMLDocuments.parse(Self.rolloutYAML).first)
        let rollout = try KubeJSON.decode(Rollout.self, from: input)
        let canary = try #require(rollout.spec.strategy?.canary)
        #expect(rollout.spec.replicas == 5)
        #expect(canary.maxSurge == .string("25%"))
        #expect(canary.maxUnavailable == .int(0))
        #expect(canary.steps?.count == 8)
        #expect(canary.steps?[1].pause == RolloutPause())
        #expect(canary.steps?[3].pause?.duration == .string("10s"))
        #expect(canary.steps?[6].pause?.duration == .int(60))
        #expect(canary.steps?[4].setCanaryScale?.replicas == 3)
        #expect(rollout.status?.pauseConditions?.first?.reason == "CanaryPauseStep")
        #expect(rollout.status?.HPAReplicas == 5)
        #expect(rollout.status?.canary?.weights?.stable.weight == 80)
        #expect(rollout.status?.conditions?.first?.reason == "RolloutPaused")

        let output = try KubeJSON.encodeValue(rollout)
        #expect(output == input)
        let unknownPaths: [[String]] = [
            ["futureTopLevel"], ["spec", "futureSpecField"], ["spec", "template", "spec", "futurePodField"],
            ["spec", "strategy", "futureStrategyField"], ["spec", "strategy", "canary", "futureCanaryField"],
            ["spec", "strategy", "canary", "analysis"], ["spec", "strategy", "canary", "trafficRouting"],
            ["spec", "strategy", "canary", "steps"], ["status", "canary"], ["status", "conditions"],
            ["status", "futureStatusField"],
        ]
        for path in unknownPaths {
            let before = try #require(input.value(at: path), "\(path)")
            let after = try #require(output.value(at: path), "\(path)")
            #expect(JSONSerializer.serialize(after) == JSONSerializer.serialize(before), "\(path)")
        }
    }

    @Test func aStatusUpdateKeepsEverythingElse() throws {
        let input = try #require(try YAMLDocuments.parse(Self.rolloutYAML).first)
        var rollout = try KubeJSON.decode(Rollout.self, from: input)
        rollout.status?.phase = "Progressing"
        rollout.status?.pauseConditions = nil
        var expected = input
        expected.setValue("Progressing", at: ["status", "phase"])
        expected.setValue(nil, at: ["status", "pauseConditions"])
        #expect(try KubeJSON.encodeValue(rollout) == expected)
    }

    @Test func argoKindsDescribeTheirResources() throws {
        #expect(Rollout.resource.apiVersion == "argoproj.io/v1alpha1")
        #expect(Rollout.resource.shortNames == ["ro"])
        #expect(Rollout.resource.subresources == [.status, .scale])
        #expect(!ClusterAnalysisTemplate.resource.namespaced)
        let run = try KubeJSON.decode(
            AnalysisRun.self,
            from: try JSONParser.parse(
                Array(
                    #"{"apiVersion":"argoproj.io/v1alpha1","kind":"AnalysisRun","metadata":{"name":"r"},"spec":{"metrics":[{"name":"m"}]},"status":{"phase":"Running"}}"#
                        .utf8
                )
            )
        )
        #expect(run.status?["phase"] == "Running")
        #expect(
            JSONSerializer.serialize(try KubeJSON.encodeValue(run))
                == Array(
                    #"{"apiVersion":"argoproj.io/v1alpha1","kind":"AnalysisRun","metadata":{"name":"r"},"spec":{"metrics":[{"name":"m"}]},"status":{"phase":"Running"}}"#
                        .utf8
                )
        )
    }
}
