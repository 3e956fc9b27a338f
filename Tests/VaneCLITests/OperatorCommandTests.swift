import EmbeddedCluster
import Foundation
import KubeAPI
import KubeClient
import KubeTestKit
import Testing

@testable import VaneCLI

/// The operator commands, run as the built binary against the embedded cluster with a controller.
@Suite("Operator commands", .timeLimit(.minutes(2)))
struct OperatorCommandTests {
    @Test("status --watch, promote, abort and retry change the objects as spec/rollout.md says and exit as CI expects")
    func operatorActions() async throws {
        try await withOperatorCluster { ops in
            _ = try await ops.client.create(OperatorCluster.rollout(image: "demo:v1"))
            let healthy = try await ops.vane(["status", "demo", "--watch", "--timeout", "60s"])
            #expect(healthy.status == 0)
            #expect(healthy.lines.last == "Healthy")

            var rollout = try await ops.client.get(Rollout.self, name: "demo", namespace: "default")
            rollout.spec.template?.spec?.containers[0].image = "demo:v2"
            _ = try await ops.client.update(rollout)
            let paused = try await ops.vane(["status", "demo", "--watch"])
            #expect(paused.status == 0)
            #expect(paused.lines.last == "note: rollout demo is paused (CanaryPauseStep); promote it to continue")

            let abort = try await ops.vane(["abort", "demo"])
            #expect(abort.lines == ["rollout 'demo' aborted"])
            let degraded = try await ops.vane(["status", "demo", "--watch"])
            #expect(degraded.status == 1)

            #expect(try await ops.vane(["retry", "rollout", "demo"]).lines == ["rollout 'demo' retried"])
            let pausedAgain = try await ops.vane(["status", "demo", "--watch"])
            #expect(pausedAgain.status == 0)
            #expect(pausedAgain.lines.last?.hasPrefix("note: rollout demo is paused") == true)

            #expect(try await ops.vane(["promote", "demo"]).lines == ["rollout 'demo' promoted"])
            let done = try await ops.vane(["status", "demo", "--watch", "--timeout", "60s"])
            #expect(done.status == 0)
            #expect(done.lines.last == "Healthy")
            let final = try await ops.client.get(Rollout.self, name: "demo", namespace: "default")
            #expect(final.spec.template?.spec?.containers.first?.image == "demo:v2")
            #expect(final.status?.stableRS == final.status?.currentPodHash)
        }
    }

    @Test(
        "set image patches only the named container's image; undo restores the previous template; promote --full skips the steps"
    )
    func setImageUndoAndFullPromotion() async throws {
        try await withOperatorCluster { ops in
            var manifest = OperatorCluster.rollout(image: "demo:v1")
            manifest.spec.template?.spec?.containers.append(Container(name: "sidecar", image: "proxy:1"))
            _ = try await ops.client.create(manifest)
            try await ops.settle { $0.rollout.status?.phase == "Healthy" }

            let set = try await ops.vane(["set", "image", "demo", "app=demo:v2"])
            #expect(set.status == 0, "\(set.errors)")
            #expect(set.lines == ["rollout 'demo' image updated: app=demo:v2"])
            var rollout = try await ops.client.get(Rollout.self, name: "demo", namespace: "default")
            #expect(rollout.spec.template?.spec?.containers.map(\.image) == ["demo:v2", "proxy:1"])
            let paused = try await ops.settle { $0.rollout.status?.phase == "Paused" }
            #expect(paused.replicaSets.count == 2)

            let full = try await ops.vane(["promote", "demo", "--full"])
            #expect(full.lines == ["rollout 'demo' fully promoted"])
            rollout = try await ops.client.get(Rollout.self, name: "demo", namespace: "default")
            #expect(rollout.status?.promoteFull == true)
            let promoted = try await ops.settle { objects in
                objects.rollout.status?.phase == "Healthy"
                    && objects.rollout.status?.stableRS == objects.rollout.status?.currentPodHash
            }
            let revision2 = try #require(promoted.rollout.status?.currentPodHash)

            let all = try await ops.vane(["set", "image", "demo", "*=demo:v3"])
            #expect(all.status == 0, "\(all.errors)")
            rollout = try await ops.client.get(Rollout.self, name: "demo", namespace: "default")
            #expect(rollout.spec.template?.spec?.containers.map(\.image) == ["demo:v3", "demo:v3"])
            try await ops.settle { $0.rollout.status?.phase == "Paused" }

            // Revision 3 is in progress: undo goes back to revision 2's template (the stable one).
            let undo = try await ops.vane(["undo", "demo"])
            #expect(undo.status == 0, "\(undo.errors)")
            #expect(undo.lines == ["rollout 'demo' undo: restored the template of revision 2"])
            rollout = try await ops.client.get(Rollout.self, name: "demo", namespace: "default")
            #expect(rollout.spec.template?.spec?.containers.map(\.image) == ["demo:v2", "proxy:1"])
            #expect(rollout.spec.template?.metadata?.label(ArgoLabels.podTemplateHash) == nil)
            let rolledBack = try await ops.settle { objects in
                objects.rollout.status?.phase == "Healthy" && objects.rollout.status?.currentPodHash == revision2
            }
            #expect(rolledBack.rollout.status?.stableRS == revision2)

            // The ReplicaSet taken back became the latest revision (4), as the incumbent numbers it.
            let again = try await ops.vane(["undo", "demo", "--to-revision", "4"])
            #expect(again.lines == ["skipped rollback (current template already matches revision 4)"])
            #expect(try await ops.vane(["undo", "demo", "--to-revision", "2"]).status == 1)
            let first = try await ops.vane(["undo", "demo", "--to-revision", "1"])
            #expect(first.lines == ["rollout 'demo' undo: restored the template of revision 1"])
            rollout = try await ops.client.get(Rollout.self, name: "demo", namespace: "default")
            #expect(rollout.spec.template?.spec?.containers.map(\.image) == ["demo:v1", "proxy:1"])

            let missingRevision = try await ops.vane(["undo", "demo", "--to-revision", "9"])
            #expect(missingRevision.status == 1)
            #expect(missingRevision.errors.count == 1)
            #expect(missingRevision.errors.first?.contains("unable to find specified revision 9") == true)
        }
    }

    @Test("pause, resume and restart write spec.paused and spec.restartAt, and the controller reports them")
    func pauseResumeRestart() async throws {
        try await withOperatorCluster { ops in
            _ = try await ops.client.create(OperatorCluster.rollout(image: "demo:v1"))
            let healthy = try await ops.settle { $0.rollout.status?.phase == "Healthy" }
            let originalPods = Set(healthy.pods.compactMap(\.metadata.name))

            #expect(try await ops.vane(["pause", "demo"]).lines == ["rollout 'demo' paused"])
            var rollout = try await ops.client.get(Rollout.self, name: "demo", namespace: "default")
            #expect(rollout.spec.paused == true)
            try await ops.settle {
                $0.rollout.status?.phase == "Paused" && $0.rollout.status?.message == "manually paused"
            }

            #expect(try await ops.vane(["resume", "demo"]).lines == ["rollout 'demo' resumed"])
            rollout = try await ops.client.get(Rollout.self, name: "demo", namespace: "default")
            #expect(rollout.spec.paused == false)
            try await ops.settle { $0.rollout.status?.phase == "Healthy" }

            let restart = try await ops.vane(["restart", "demo"])
            #expect(restart.status == 0)
            #expect(restart.lines.first?.hasPrefix("rollout 'demo' restarts at ") == true)
            rollout = try await ops.client.get(Rollout.self, name: "demo", namespace: "default")
            let restartAt = try #require(rollout.spec.restartAt)
            #expect(abs(restartAt.date.timeIntervalSinceNow) < 60)
            #expect(restart.lines == ["rollout 'demo' restarts at \(restartAt)"])
            // The controller replaces every pod older than restartAt, then records the restart.
            let restarted = try await ops.settle { objects in
                objects.rollout.status?.restartedAt == restartAt && objects.rollout.status?.phase == "Healthy"
            }
            #expect(Set(restarted.pods.compactMap(\.metadata.name)).isDisjoint(with: originalPods))
            #expect(restarted.pods.count == 4)
        }
    }

    @Test(
        "list rollouts aligns the incumbent's columns, with NAMESPACE first under -A; an empty namespace says so on stderr"
    )
    func listRollouts() async throws {
        try await withOperatorCluster { ops in
            _ = try await ops.client.create(Namespace(metadata: ObjectMeta(name: "team-b")))
            _ = try await ops.client.create(OperatorCluster.rollout(image: "demo:v1"))
            _ = try await ops.client.create(OperatorCluster.rollout(image: "web:v1", name: "web", namespace: "team-b"))
            try await ops.settle { $0.rollout.status?.phase == "Healthy" }
            try await ops.settle("web", namespace: "team-b") { $0.rollout.status?.phase == "Healthy" }

            let list = try await ops.vane(["list", "rollouts"])
            #expect(list.status == 0)
            #expect(
                list.lines == [
                    "NAME        STRATEGY   STATUS        STEP  SET-WEIGHT  READY  DESIRED  UP-TO-DATE  AVAILABLE",
                    "demo        Canary     Healthy       2/2   100         4/4    4        4           4",
                ]
            )
            let all = try await ops.vane(["list", "ro", "-A"])
            #expect(
                all.lines == [
                    "NAMESPACE  NAME        STRATEGY   STATUS        STEP  SET-WEIGHT  READY  DESIRED  UP-TO-DATE  AVAILABLE",
                    "default    demo        Canary     Healthy       2/2   100         4/4    4        4           4",
                    "team-b     web         Canary     Healthy       2/2   100         4/4    4        4           4",
                ]
            )
            let empty = try await ops.vane(["list", "rollouts", "-n", "kube-system"])
            #expect(empty.status == 0)
            #expect(empty.lines.isEmpty)
            #expect(empty.errors == ["No resources found in kube-system namespace."])
        }
    }

    @Test("get rollout -o json|yaml prints the stored object; a missing rollout is one line and exit 1")
    func getOutputFormatsAndMissingRollout() async throws {
        try await withOperatorCluster { ops in
            _ = try await ops.client.create(OperatorCluster.rollout(image: "demo:v1"))
            try await ops.settle { $0.rollout.status?.phase == "Healthy" }

            let json = try await ops.vane(["get", "rollout", "demo", "-o", "json"])
            #expect(json.status == 0)
            let parsed = try JSONParser.parse(Array(json.output.utf8))
            let stored = try await ops.client.get(Rollout.resource, name: "demo", namespace: "default")
            #expect(parsed[path: "metadata", "uid"] == stored[path: "metadata", "uid"])
            #expect(parsed[path: "status", "phase"] == "Healthy")
            #expect(parsed["kind"] == "Rollout")

            let yaml = try await ops.vane(["get", "ro", "demo", "--output", "yaml"])
            #expect(yaml.status == 0)
            let document = try YAMLDocuments.parseSingle(yaml.output)
            #expect(document[path: "metadata", "name"] == "demo")
            #expect(document[path: "spec", "replicas"] == 4)
            #expect(document[path: "status", "observedGeneration"] == stored[path: "status", "observedGeneration"])

            for arguments in [
                ["get", "rollout", "nope"], ["promote", "nope"], ["set", "image", "nope", "app=x:1"], ["undo", "nope"],
            ] {
                let missing = try await ops.vane(arguments)
                #expect(missing.status == 1, "\(arguments)")
                #expect(missing.lines.isEmpty, "\(arguments)")
                #expect(missing.errors == ["Error: rollout nope not found in namespace default"], "\(arguments)")
            }
        }
    }

    @Test("set image usage errors exit 2; an unknown container exits 1 with one line; a stale patch is refused")
    func setImageErrors() async throws {
        try await withOperatorCluster { ops in
            _ = try await ops.client.create(OperatorCluster.rollout(image: "demo:v1"))
            for bad in ["app", "=demo:v2", "app=", "app=demo=v2"] {
                let usage = try await ops.vane(["set", "image", "demo", bad])
                #expect(usage.status == 2, "\(bad)")
                #expect(usage.errors.first?.contains("expected CONTAINER=IMAGE") == true, "\(bad): \(usage.errors)")
            }
            #expect(try await ops.vane(["set", "image", "demo"]).status == 2)

            let unknown = try await ops.vane(["set", "image", "demo", "db=postgres:16"])
            #expect(unknown.status == 1)
            #expect(unknown.errors == ["Error: unable to find container named \"db\""])
            var rollout = try await ops.client.get(Rollout.self, name: "demo", namespace: "default")
            #expect(rollout.spec.template?.spec?.containers.map(\.image) == ["demo:v1"])
            #expect(rollout.metadata.generation == 1)

            // A patch built from a stale read fails on the server once the container was renamed.
            try await ops.settle { $0.rollout.status?.phase == "Healthy" }
            let stale = try await ops.client.get(Rollout.resource, name: "demo", namespace: "default")
            let operations = try SetImagePatch.operations(for: stale, [ImageAssignment(parsing: "app=demo:v2")])
            rollout = try await ops.client.get(Rollout.self, name: "demo", namespace: "default")
            rollout.spec.template?.spec?.containers[0].name = "main"
            _ = try await ops.client.update(rollout)
            do {
                _ = try await ops.client.patch(
                    Rollout.resource,
                    name: "demo",
                    namespace: "default",
                    patch: .array(operations),
                    type: .json
                )
                Issue.record("a patch testing a renamed container was applied")
            } catch let error as KubeError {
                #expect(error.isFailedPatchTest, "\(error)")
            }
            rollout = try await ops.client.get(Rollout.self, name: "demo", namespace: "default")
            #expect(rollout.spec.template?.spec?.containers.map(\.image) == ["demo:v1"])
        }
    }

    @Test("a forbidden request and an unreachable server are one line naming the server and the reason, exit 1")
    func forbiddenAndUnreachable() async throws {
        try await withOperatorCluster { ops in
            _ = try await ops.client.create(OperatorCluster.rollout(image: "demo:v1"))
            let server = await ops.cluster.serverURL()
            await ops.cluster.faults.install(
                FaultRule(
                    verbs: ["get"],
                    resource: "rollouts",
                    action: .error(
                        code: 403,
                        message:
                            "rollouts.argoproj.io \"demo\" is forbidden: User \"dev\" cannot get resource \"rollouts\""
                    )
                )
            )
            for arguments in [
                ["get", "rollout", "demo"], ["promote", "demo"], ["set", "image", "demo", "app=demo:v2"],
            ] {
                let forbidden = try await ops.vane(arguments)
                #expect(forbidden.status == 1, "\(arguments)")
                #expect(forbidden.errors.count == 1, "\(arguments): \(forbidden.errors)")
                let line = forbidden.errors.first ?? ""
                #expect(
                    line.contains(server) && line.contains("is forbidden: User \"dev\" cannot get resource"),
                    "\(line)"
                )
                #expect(!line.contains("Usage"))
            }

            let unreachable = ops.directory.appending(path: "unreachable").path
            try """
            apiVersion: v1
            kind: Config
            clusters: [{name: gone, cluster: {server: "http://127.0.0.1:9"}}]
            users: [{name: me, user: {token: abc}}]
            contexts: [{name: gone, context: {cluster: gone, user: me, namespace: default}}]
            current-context: gone
            """.write(toFile: unreachable, atomically: true, encoding: .utf8)
            for arguments in [["get", "rollout", "demo"], ["list", "rollouts"], ["undo", "demo"]] {
                let result = try await VaneBinary.run(
                    arguments + ["--kubeconfig", unreachable, "--request-timeout", "1s"]
                )
                #expect(result.status == 1, "\(arguments)")
                #expect(result.errors.count == 1, "\(arguments): \(result.errors)")
                #expect(result.errors.first?.contains("127.0.0.1:9") == true, "\(result.errors)")
                #expect(result.lines.isEmpty)
            }
        }
    }

    @Test("lint reports every problem with its field path and exits 1; a valid manifest exits 0")
    func lint() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "vane-lint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let invalid = directory.appending(path: "invalid.yaml").path
        try """
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata: {name: broken}
        spec:
          selector: {matchLabels: {app: a}}
          template:
            metadata: {labels: {app: b}}
            spec: {containers: [{name: c, image: i}]}
          strategy:
            canary:
              maxSurge: 0
              maxUnavailable: 0
              steps: [{setWeight: 150}, {pause: {duration: soon}}]
        """.write(toFile: invalid, atomically: true, encoding: .utf8)
        let result = try await VaneBinary.run(["lint", "-f", invalid])
        #expect(result.status == 1)
        #expect(
            result.lines == [
                "\(invalid): rollout broken: spec.selector: selector does not match template labels",
                "\(invalid): rollout broken: spec.strategy.canary.maxUnavailable: maxSurge and maxUnavailable cannot both be 0",
                "\(invalid): rollout broken: spec.strategy.canary.steps[0].setWeight: must be between 0 and 100, got 150",
                "\(invalid): rollout broken: spec.strategy.canary.steps[1].pause.duration: invalid duration \"soon\": use a number of seconds or a duration like 30s, 5m, 1h",
            ]
        )
        let repository = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let valid = try await VaneBinary.run([
            "lint", "-f", repository.appending(path: "docs/examples/rollout.yaml").path,
        ])
        #expect(valid.status == 0)
        #expect(valid.lines.last?.hasSuffix("1 rollout valid") == true)
    }
}
