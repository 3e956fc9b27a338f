import KubeAPI
import Testing

/// Decoding then re-encoding must give back exactly what the server sent, including every field
/// Vane does not model, at every level.
@Suite struct WorkloadRoundTripTests {
    static let replicaSetJSON = #"""
        {"apiVersion":"apps/v1","kind":"ReplicaSet","topFuture":{"x":[1,2.50,"y"]},
         "metadata":{"name":"web-6d4b","namespace":"prod","uid":"u-1","resourceVersion":"42","generation":3,
           "creationTimestamp":"2026-01-02T03:04:05Z","labels":{"app":"web","rollouts-pod-template-hash":"6d4b"},
           "ownerReferences":[{"apiVersion":"argoproj.io/v1alpha1","kind":"Rollout","name":"web","uid":"r-1",
             "controller":true,"blockOwnerDeletion":true,"ownerFuture":1}],
           "managedFields":[{"manager":"kube-controller-manager","operation":"Update","apiVersion":"apps/v1",
             "time":"2026-01-02T03:04:05Z","fieldsType":"FieldsV1","fieldsV1":{"f:status":{"f:replicas":{}}},
             "subresource":"status"}]},
         "spec":{"replicas":3,"minReadySeconds":5,"specFuture":"on",
           "selector":{"matchLabels":{"app":"web"},"matchExpressions":[{"key":"tier","operator":"In","values":["a"],"exprFuture":0}]},
           "template":{"metadata":{"labels":{"app":"web"},"templateMetaFuture":null},
             "spec":{"terminationGracePeriodSeconds":30,"podSpecFuture":{"deep":{"deeper":[true]}},
               "containers":[{"name":"web","image":"nginx:1.27","ports":[{"containerPort":80}],"containerFuture":1e3}]}}},
         "status":{"replicas":3,"fullyLabeledReplicas":3,"readyReplicas":2,"availableReplicas":2,"observedGeneration":3,
           "conditions":[{"type":"ReplicaFailure","status":"False","lastTransitionTime":"2026-01-02T03:04:05Z",
             "reason":"Ok","message":"fine","conditionFuture":"c"}],"statusFuture":[]}}
        """#

    @Test func replicaSetRoundTripsWithUnknownFieldsAtEveryLevel() throws {
        let input = try JSONParser.parse(Self.replicaSetJSON)
        let replicaSet = try KubeJSON.decode(ReplicaSet.self, from: input)
        #expect(replicaSet.key == ObjectKey(namespace: "prod", name: "web-6d4b"))
        #expect(replicaSet.spec.replicas == 3)
        #expect(replicaSet.spec.minReadySeconds == 5)
        #expect(replicaSet.spec.template?.spec?.containers.first?.image == "nginx:1.27")
        #expect(replicaSet.status?.readyReplicas == 2)
        #expect(replicaSet.status?.conditions?.first?.reason == "Ok")
        #expect(replicaSet.metadata.controllerReference?.name == "web")
        #expect(try replicaSet.spec.selector.map { try Selector($0).description } == "app=web,tier in (a)")

        let output = try KubeJSON.encodeValue(replicaSet)
        #expect(output == input)
        // Unknown subtrees come back byte for byte.
        let unknownPaths: [[String]] = [
            ["topFuture"], ["metadata", "managedFields"], ["metadata", "ownerReferences"], ["spec", "specFuture"],
            ["spec", "selector"], ["spec", "template", "metadata"], ["spec", "template", "spec", "podSpecFuture"],
            ["spec", "template", "spec", "containers"], ["status", "conditions"], ["status", "statusFuture"],
        ]
        for path in unknownPaths {
            let before = try #require(input.value(at: path), "\(path)")
            let after = try #require(output.value(at: path), "\(path)")
            #expect(JSONSerializer.serialize(after) == JSONSerializer.serialize(before), "\(path)")
        }
    }

    @Test func replicaSetDescriptor() {
        let resource = ReplicaSet.resource
        #expect(resource.apiVersion == "apps/v1")
        #expect(resource.kind == "ReplicaSet")
        #expect(resource.plural == "replicasets")
        #expect(resource.singular == "replicaset")
        #expect(resource.shortNames == ["rs"])
        #expect(resource.namespaced)
        #expect(resource.subresources == [.status, .scale])
        #expect(
            resource.objectPath(namespace: "prod", name: "web", subresource: .scale)
                == "/apis/apps/v1/namespaces/prod/replicasets/web/scale"
        )
    }

    @Test func newReplicaSetEncodesOnlyWhatIsSet() throws {
        let replicaSet = ReplicaSet(
            metadata: ObjectMeta(name: "web-1", namespace: "prod"),
            spec: ReplicaSetSpec(
                replicas: 2,
                selector: LabelSelector(matchLabels: ["app": "web"]),
                template: PodTemplateSpec(
                    metadata: ObjectMeta(labels: ["app": "web"]),
                    spec: PodSpec(containers: [Container(name: "web", image: "nginx")])
                )
            )
        )
        let expected = try JSONParser.parse(
            #"""
            {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"web-1","namespace":"prod"},
             "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
               "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx"}]}}}}
            """#
        )
        #expect(try KubeJSON.encodeValue(replicaSet) == expected)
    }

    static let serviceJSON = #"""
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"web-stable","namespace":"prod",
           "annotations":{"argo-rollouts.argoproj.io/managed-by-rollouts":"web"},"metaFuture":{"a":1}},
         "spec":{"type":"ClusterIP","clusterIP":"10.0.0.7","clusterIPs":["10.0.0.7"],"ipFamilies":["IPv4"],
           "selector":{"app":"web","rollouts-pod-template-hash":"6d4b"},"sessionAffinity":"None",
           "ports":[{"name":"http","protocol":"TCP","port":80,"targetPort":"http","portFuture":true},
                    {"port":8443,"targetPort":8443,"nodePort":30443}]},
         "status":{"loadBalancer":{}},"topFuture":"t"}
        """#

    @Test func serviceRoundTripsWithUnknownFields() throws {
        let input = try JSONParser.parse(Self.serviceJSON)
        var service = try KubeJSON.decode(Service.self, from: input)
        #expect(service.spec.selector?["rollouts-pod-template-hash"] == "6d4b")
        #expect(service.spec.ports?.first?.targetPort == .string("http"))
        #expect(service.spec.ports?.last?.targetPort == .int(8443))
        #expect(service.spec.ports?.last?.nodePort == 30443)
        #expect(service.spec.type == "ClusterIP")
        #expect(try KubeJSON.encodeValue(service) == input)

        // Switching the selector changes only the selector.
        service.spec.selector?["rollouts-pod-template-hash"] = "7f9c"
        var expected = input
        expected.setValue("7f9c", at: ["spec", "selector", "rollouts-pod-template-hash"])
        let output = try KubeJSON.encodeValue(service)
        #expect(output == expected)
        for path in [
            ["metadata", "metaFuture"], ["spec", "ports"], ["spec", "ipFamilies"], ["status"], ["topFuture"],
        ] {
            let before = try #require(input.value(at: path))
            let after = try #require(output.value(at: path))
            #expect(JSONSerializer.serialize(after) == JSONSerializer.serialize(before), "\(path)")
        }
    }

    @Test func serviceDescriptor() {
        let resource = Service.resource
        #expect(resource.apiVersion == "v1")
        #expect(resource.shortNames == ["svc"])
        #expect(resource.subresources == [.status])
        #expect(resource.collectionPath(namespace: "prod") == "/api/v1/namespaces/prod/services")
    }

    @Test func decodingErrorsNameTheField() {
        let input = #"{"metadata":{"name":"x"},"spec":{"ports":[{"port":"eighty"}]}}"#
        #expect(throws: (any Error).self) { try KubeJSON.decode(Service.self, from: Array(input.utf8)) }
        do {
            _ = try KubeJSON.decode(Service.self, from: Array(input.utf8))
        } catch {
            #expect(KubeJSON.describe(error) == "spec.ports[0].port: expected integer, found string")
        }
    }
}
