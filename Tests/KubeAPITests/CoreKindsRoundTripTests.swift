import FoundationEssentials
import KubeAPI
import Testing

/// Every kind Vane reads or writes survives decode → encode unchanged, unknown fields included.
@Suite struct CoreKindsRoundTripTests {
    /// Decodes `text` as `Object`, re-encodes it and checks the result equals the input, then
    /// checks each listed subtree is byte-identical.
    static func roundTrip<Object: Codable>(
        _ type: Object.Type,
        _ text: String,
        unknown paths: [[String]]
    ) throws -> Object {
        let input = try JSONParser.parse(text)
        let object = try KubeJSON.decode(type, from: input)
        let output = try KubeJSON.encodeValue(object)
        #expect(output == input)
        for path in paths {
            let before = try #require(input.value(at: path), "\(path)")
            let after = try #require(output.value(at: path), "\(path)")
            #expect(JSONSerializer.serialize(after) == JSONSerializer.serialize(before), "\(path)")
        }
        return object
    }

    @Test func pod() throws {
        let pod = try Self.roundTrip(
            Pod.self,
            #"""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-6d4b-x","namespace":"prod","m":1},
             "spec":{"nodeName":"n1","containers":[{"name":"web","image":"nginx","resources":{"limits":{"cpu":"500m"}}}]},
             "status":{"phase":"Running","podIP":"10.1.2.3","startTime":"2026-01-02T03:04:05Z","qosClass":"Burstable",
               "conditions":[{"type":"Ready","status":"True","lastTransitionTime":"2026-01-02T03:04:06Z","c":2}],
               "containerStatuses":[{"name":"web","ready":true,"restartCount":2,"image":"nginx","imageID":"sha256:1",
                 "started":true,"state":{"running":{"startedAt":"2026-01-02T03:04:05Z"}},"lastState":{},"cs":[0]}]}}
            """#,
            unknown: [
                ["metadata", "m"], ["spec", "nodeName"], ["spec", "containers"], ["status", "qosClass"],
                ["status", "containerStatuses"],
            ]
        )
        #expect(pod.isReady)
        #expect(pod.status?.containerStatuses?.first?.restartCount == 2)
        #expect(pod.status?.containerStatuses?.first?.state?[path: "running", "startedAt"] == "2026-01-02T03:04:05Z")
        #expect(Pod.resource.shortNames == ["po"])
    }

    @Test func event() throws {
        let event = try Self.roundTrip(
            Event.self,
            #"""
            {"apiVersion":"v1","kind":"Event","metadata":{"name":"web.17a","namespace":"prod"},
             "involvedObject":{"apiVersion":"argoproj.io/v1alpha1","kind":"Rollout","name":"web","namespace":"prod",
               "uid":"r-1","resourceVersion":"7","fieldPath":"spec","io":true},
             "reason":"RolloutStepCompleted","message":"Step 1/3 completed","type":"Normal","count":4,
             "firstTimestamp":"2026-01-02T03:04:05Z","lastTimestamp":"2026-01-02T03:05:05Z",
             "eventTime":"2026-01-02T03:04:05.123456Z","source":{"component":"vane","host":"node-1","s":1},
             "reportingComponent":"vane","reportingInstance":"vane-0","action":"Progress",
             "series":{"count":3,"lastObservedTime":"2026-01-02T03:05:05.000001Z","ser":"x"},"newField":[1]}
            """#,
            unknown: [["involvedObject", "io"], ["source", "s"], ["series", "ser"], ["newField"]]
        )
        #expect(event.involvedObject.kind == "Rollout")
        #expect(event.count == 4)
        #expect(event.eventTime?.description == "2026-01-02T03:04:05.123456Z")
        #expect(event.series?.count == 3)
    }

    @Test func lease() throws {
        let lease = try Self.roundTrip(
            Lease.self,
            #"""
            {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"vane","namespace":"vane-system"},
             "spec":{"holderIdentity":"vane-0_1a2b","leaseDurationSeconds":15,"acquireTime":"2026-01-02T03:04:05.000000Z",
               "renewTime":"2026-01-02T03:04:10.250000Z","leaseTransitions":2,"strategy":"OldestEmulationVersion"}}
            """#,
            unknown: [["spec", "strategy"]]
        )
        #expect(lease.spec?.holderIdentity == "vane-0_1a2b")
        #expect(lease.spec?.leaseTransitions == 2)
        let acquire = try #require(lease.spec?.acquireTime)
        let renew = try #require(lease.spec?.renewTime)
        #expect(renew.date.timeIntervalSince(acquire.date) == 5.25)
        #expect(
            Lease.resource.objectPath(namespace: "vane-system", name: "vane")
                == "/apis/coordination.k8s.io/v1/namespaces/vane-system/leases/vane"
        )
    }

    @Test func deployment() throws {
        let deployment = try Self.roundTrip(
            Deployment.self,
            #"""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"prod"},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"minReadySeconds":0,"revisionHistoryLimit":10,
               "paused":false,"progressDeadlineSeconds":600,
               "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":1}},
               "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx"}]}}},
             "status":{"observedGeneration":2,"replicas":3,"updatedReplicas":3,"readyReplicas":3,"availableReplicas":3,
               "unavailableReplicas":0,"collisionCount":1,"terminatingReplicas":0,
               "conditions":[{"type":"Available","status":"True","lastUpdateTime":"2026-01-02T03:04:05Z",
                 "lastTransitionTime":"2026-01-02T03:04:05Z","reason":"MinimumReplicasAvailable","message":"ok"}]}}
            """#,
            unknown: [["spec", "strategy"], ["status", "terminatingReplicas"]]
        )
        #expect(deployment.spec.strategy?[path: "rollingUpdate", "maxSurge"] == "25%")
        #expect(deployment.status?.conditions?.first?.reason == "MinimumReplicasAvailable")
        #expect(Deployment.resource.subresources == [.status, .scale])
    }

    @Test func horizontalPodAutoscaler() throws {
        let hpa = try Self.roundTrip(
            HorizontalPodAutoscaler.self,
            #"""
            {"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"name":"web","namespace":"prod"},
             "spec":{"scaleTargetRef":{"apiVersion":"argoproj.io/v1alpha1","kind":"Rollout","name":"web"},
               "minReplicas":2,"maxReplicas":10,
               "metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":50}}}],
               "behavior":{"scaleDown":{"stabilizationWindowSeconds":300}}},
             "status":{"currentReplicas":3,"desiredReplicas":4,"lastScaleTime":"2026-01-02T03:04:05Z",
               "conditions":[{"type":"AbleToScale","status":"True"}]}}
            """#,
            unknown: [["spec", "metrics"], ["spec", "behavior"], ["status", "conditions"]]
        )
        #expect(hpa.spec.scaleTargetRef.kind == "Rollout")
        #expect(hpa.spec.maxReplicas == 10)
        #expect(hpa.status?.desiredReplicas == 4)
        #expect(HorizontalPodAutoscaler.resource.apiVersion == "autoscaling/v2")
    }

    @Test func scale() throws {
        let scale = try Self.roundTrip(
            Scale.self,
            #"""
            {"kind":"Scale","apiVersion":"autoscaling/v1","metadata":{"name":"web-6d4b","namespace":"prod","resourceVersion":"9"},
             "spec":{"replicas":5},"status":{"replicas":3,"selector":"app=web,rollouts-pod-template-hash=6d4b"}}
            """#,
            unknown: []
        )
        #expect(scale.spec.replicas == 5)
        let selector = try Selector(parsing: try #require(scale.status?.selector))
        #expect(selector.matches(["app": "web", "rollouts-pod-template-hash": "6d4b"]))
        let body = Scale(metadata: ObjectMeta(name: "web", namespace: "prod"), spec: ScaleSpec(replicas: 2))
        #expect(
            try KubeJSON.encodeValue(body)
                == (try JSONParser.parse(
                    #"{"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"web","namespace":"prod"},"spec":{"replicas":2}}"#
                ))
        )
    }

    @Test func namespaceConfigMapSecretEndpoints() throws {
        let namespace = try Self.roundTrip(
            Namespace.self,
            #"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"prod"},"spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active","x":1}}"#,
            unknown: [["spec"], ["status", "x"]]
        )
        #expect(namespace.status?.phase == "Active")
        #expect(!Namespace.resource.namespaced)
        #expect(Namespace.resource.objectPath(namespace: "ignored", name: "prod") == "/api/v1/namespaces/prod")

        let configMap = try Self.roundTrip(
            ConfigMap.self,
            #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"argo-rollouts-config"},"data":{"a":"1"},"binaryData":{"b":"AAE="},"immutable":true,"z":0}"#,
            unknown: [["z"]]
        )
        #expect(configMap.data == ["a": "1"])

        let secret = try Self.roundTrip(
            Secret.self,
            #"{"apiVersion":"v1","kind":"Secret","metadata":{"name":"token"},"type":"Opaque","data":{"token":"c2VjcmV0"}}"#,
            unknown: []
        )
        #expect(secret.data?["token"] == "c2VjcmV0")

        let endpoints = try Self.roundTrip(
            Endpoints.self,
            #"""
            {"apiVersion":"v1","kind":"Endpoints","metadata":{"name":"web"},
             "subsets":[{"addresses":[{"ip":"10.0.0.1"},{"ip":"10.0.0.2"}],"ports":[{"port":80}]},{"notReadyAddresses":[{"ip":"10.0.0.3"}]}]}
            """#,
            unknown: [["subsets"]]
        )
        #expect(endpoints.readyAddressCount == 2)
        #expect(Endpoints.resource.singular == "endpoints")
    }

    /// Go writes some unset fields as `null`; Vane omits them, which the API server treats the same.
    @Test func explicitNullOfModelledFieldIsOmitted() throws {
        let input = try JSONParser.parse(#"{"type":"Ready","status":"True","lastProbeTime":null,"future":null}"#)
        let condition = try KubeJSON.decode(PodCondition.self, from: input)
        #expect(condition.lastProbeTime == nil)
        #expect(try KubeJSON.encodeValue(condition) == ["type": "Ready", "status": "True", "future": nil])
    }

    /// A ReplicaSet as a newer API server writes it: managedFields, fields Vane has never heard of.
    /// Changing the replica count changes exactly `spec.replicas` in the encoded object.
    @Test func replicaSetWithManagedFieldsChangesOnlyReplicas() throws {
        let input = try JSONParser.parse(
            #"""
            {"apiVersion":"apps/v1","kind":"ReplicaSet",
             "metadata":{"name":"web-6d4b","namespace":"prod","uid":"7c1","resourceVersion":"1234","generation":4,
               "creationTimestamp":"2026-01-02T03:04:05Z",
               "labels":{"app":"web","rollouts-pod-template-hash":"6d4b"},
               "annotations":{"rollout.argoproj.io/revision":"3","rollout.argoproj.io/desired-replicas":"5"},
               "ownerReferences":[{"apiVersion":"argoproj.io/v1alpha1","kind":"Rollout","name":"web","uid":"r1",
                 "controller":true,"blockOwnerDeletion":true}],
               "managedFields":[
                 {"manager":"rollouts-controller","operation":"Update","apiVersion":"apps/v1","time":"2026-01-02T03:04:05Z",
                  "fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:annotations":{".":{},"f:rollout.argoproj.io/revision":{}}},
                  "f:spec":{"f:replicas":{},"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{}}}}}}}},
                 {"manager":"kube-controller-manager","operation":"Update","apiVersion":"apps/v1","time":"2026-01-02T03:04:09Z",
                  "fieldsType":"FieldsV1","fieldsV1":{"f:status":{"f:replicas":{}}},"subresource":"status"}]},
             "spec":{"replicas":5,"minReadySeconds":10,"selector":{"matchLabels":{"app":"web","rollouts-pod-template-hash":"6d4b"}},
               "template":{"metadata":{"labels":{"app":"web","rollouts-pod-template-hash":"6d4b"},"annotations":{"x":"1"}},
                 "spec":{"containers":[{"name":"web","image":"nginx:1.27","imagePullPolicy":"IfNotPresent",
                     "resources":{"requests":{"cpu":"100m","memory":"64Mi"}},
                     "resizePolicy":[{"resourceName":"cpu","restartPolicy":"NotRequired"}],"restartPolicy":"Always"}],
                   "restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst",
                   "schedulerName":"default-scheduler","securityContext":{},"hostUsers":false,
                   "resources":{"limits":{"cpu":"2"}}}}},
             "status":{"replicas":5,"fullyLabeledReplicas":5,"readyReplicas":5,"availableReplicas":5,
               "terminatingReplicas":0,"observedGeneration":4}}
            """#
        )
        var replicaSet = try KubeJSON.decode(ReplicaSet.self, from: input)
        replicaSet.spec.replicas = 2
        let output = try KubeJSON.encodeValue(replicaSet)
        var expected = input
        expected.setValue(2, at: ["spec", "replicas"])
        #expect(output == expected)
        #expect(output != input)
        #expect(
            JSONSerializer.serialize(try #require(output[path: "metadata", "managedFields"]))
                == JSONSerializer.serialize(try #require(input[path: "metadata", "managedFields"]))
        )
        #expect(
            JSONSerializer.serialize(try #require(output[path: "spec", "template"]))
                == JSONSerializer.serialize(try #require(input[path: "spec", "template"]))
        )
    }
}
