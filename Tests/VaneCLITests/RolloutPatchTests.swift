import ArgumentParser
import KubeAPI
import Testing

@testable import VaneCLI

/// The JSON Patches `set image` and `undo` send, built from documents as read.
struct RolloutPatchTests {
    static let rollout: JSONValue = [
        "metadata": ["name": "demo", "uid": "ro-1"],
        "spec": [
            "template": [
                "metadata": ["labels": ["app": "demo"]],
                "spec": [
                    "initContainers": [["name": "migrate", "image": "demo:v1"]],
                    "containers": [
                        ["name": "app", "image": "demo:v1", "ports": [["containerPort": 8080]]], ["name": "sidecar"],
                    ],
                ],
            ]
        ],
        "status": ["currentPodHash": "hash3"],
    ]

    @Test("CONTAINER=IMAGE parses; anything else is a usage error", arguments: ["app", "=x:1", "app=", "a=b=c", ""])
    func assignmentErrors(_ argument: String) {
        #expect(throws: ValidationError.self) { try ImageAssignment(parsing: argument) }
    }

    @Test("each changed container gets a test of its name at its index, then a replace (or add) of its image")
    func setImageOperations() throws {
        let named = try SetImagePatch.operations(for: Self.rollout, [ImageAssignment(parsing: "app=demo:v2")])
        #expect(
            named == [
                ["op": "test", "path": "/spec/template/spec/containers/0/name", "value": "app"],
                ["op": "replace", "path": "/spec/template/spec/containers/0/image", "value": "demo:v2"],
            ]
        )
        let migrate = try SetImagePatch.operations(for: Self.rollout, [ImageAssignment(parsing: "migrate=demo:v2")])
        #expect(
            migrate.map { $0["path"] } == [
                "/spec/template/spec/initContainers/0/name", "/spec/template/spec/initContainers/0/image",
            ]
        )
        let all = try SetImagePatch.operations(for: Self.rollout, [ImageAssignment(parsing: "*=demo:v3")])
        #expect(all.count == 6)
        #expect(all.last == ["op": "add", "path": "/spec/template/spec/containers/1/image", "value": "demo:v3"])
        #expect(throws: CLIFailure.self) {
            try SetImagePatch.operations(for: Self.rollout, [ImageAssignment(parsing: "db=pg:16")])
        }
    }

    static func replicaSet(revision: Int, hash: String, image: String, owner: String = "ro-1") -> JSONValue {
        [
            "metadata": [
                "name": .string("demo-\(hash)"),
                "annotations": [ArgoAnnotations.revision: .string(String(revision))],
                "labels": ["app": "demo", ArgoLabels.podTemplateHash: .string(hash)],
                "ownerReferences": [["uid": .string(owner), "controller": true]],
            ],
            "spec": [
                "template": [
                    "metadata": ["labels": ["app": "demo", ArgoLabels.podTemplateHash: .string(hash)]],
                    "spec": [
                        "containers": [["name": "app", "image": .string(image), "imagePullPolicy": "IfNotPresent"]]
                    ],
                ]
            ],
        ]
    }

    @Test(
        "undo restores the highest revision below the current one, without the hash label, testing the template first"
    )
    func undoDefaultRevision() throws {
        let replicaSets = [
            Self.replicaSet(revision: 1, hash: "hash1", image: "demo:v0"),
            Self.replicaSet(revision: 2, hash: "hash2", image: "demo:v0.5"),
            Self.replicaSet(revision: 3, hash: "hash3", image: "demo:v1"),
            Self.replicaSet(revision: 7, hash: "other", image: "other:v1", owner: "someone-else"),
        ]
        let plan = try UndoPlan.make(rollout: Self.rollout, replicaSets: replicaSets, toRevision: nil)
        guard case .restore(let revision, let patch) = plan else {
            Issue.record("expected a restore, got \(plan)")
            return
        }
        #expect(revision == 2)
        #expect(patch.count == 2)
        #expect(
            patch[0] == [
                "op": "test", "path": "/spec/template", "value": Self.rollout[path: "spec", "template"] ?? .null,
            ]
        )
        #expect(patch[1]["op"] == "replace")
        #expect(patch[1][path: "value", "metadata", "labels"] == ["app": "demo"])
        #expect(
            patch[1][path: "value", "spec", "containers"] == [
                ["name": "app", "image": "demo:v0.5", "imagePullPolicy": "IfNotPresent"]
            ]
        )

        #expect(throws: CLIFailure.self) {
            try UndoPlan.make(rollout: Self.rollout, replicaSets: replicaSets, toRevision: 7)
        }
        #expect(throws: CLIFailure.self) {
            try UndoPlan.make(rollout: Self.rollout, replicaSets: [replicaSets[0]], toRevision: nil)
        }
    }

    @Test("undo to the revision the template already has is skipped (server defaults in the ReplicaSet are ignored)")
    func undoAlreadyCurrent() throws {
        var rollout = Self.rollout
        rollout.setValue([["name": "app", "image": "demo:v0"]], at: ["spec", "template", "spec", "containers"])
        rollout.setValue(nil, at: ["spec", "template", "spec", "initContainers"])
        let revision1 = Self.replicaSet(revision: 1, hash: "hash1", image: "demo:v0")
        let plan = try UndoPlan.make(rollout: rollout, replicaSets: [revision1], toRevision: 1)
        #expect(plan == .alreadyCurrent(revision: 1))
    }
}
