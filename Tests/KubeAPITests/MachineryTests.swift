import KubeAPI
import Testing

@Suite struct MachineryTests {
    @Test func deleteOptionsEncoding() throws {
        let options = DeleteOptions(
            gracePeriodSeconds: 0,
            preconditions: .init(uid: "u-1", resourceVersion: "42"),
            propagationPolicy: .foreground,
            dryRun: ["All"]
        )
        let expected = try JSONParser.parse(
            #"""
            {"apiVersion":"v1","kind":"DeleteOptions","gracePeriodSeconds":0,
             "preconditions":{"uid":"u-1","resourceVersion":"42"},"propagationPolicy":"Foreground","dryRun":["All"]}
            """#
        )
        #expect(try KubeJSON.encodeValue(options) == expected)
        #expect(try KubeJSON.decode(DeleteOptions.self, from: expected) == options)
        #expect(
            try KubeJSON.encodeValue(DeleteOptions(propagationPolicy: .background)) == [
                "apiVersion": "v1", "kind": "DeleteOptions", "propagationPolicy": "Background",
            ]
        )
        #expect(throws: (any Error).self) {
            try KubeJSON.decode(DeleteOptions.self, from: ["propagationPolicy": "Sometimes"])
        }
    }

    @Test func patchTypeContentTypes() {
        #expect(PatchType.merge.contentType == "application/merge-patch+json")
        #expect(PatchType.json.contentType == "application/json-patch+json")
        #expect(PatchType.strategic.contentType == "application/strategic-merge-patch+json")
        #expect(PatchType.apply.contentType == "application/apply-patch+yaml")
        for type in PatchType.allCases {
            #expect(PatchType(contentType: type.contentType) == type)
        }
        #expect(PatchType(contentType: "application/merge-patch+json; charset=utf-8") == .merge)
        #expect(PatchType(contentType: "Application/JSON-Patch+JSON") == .json)
        #expect(PatchType(contentType: "application/json") == nil)
    }

    @Test func objectReferenceToTypedObject() {
        var replicaSet = ReplicaSet(metadata: ObjectMeta(name: "web-1", namespace: "prod"))
        replicaSet.metadata.uid = "u-9"
        let reference = ObjectReference(to: replicaSet)
        #expect(
            reference
                == ObjectReference(
                    apiVersion: "apps/v1",
                    kind: "ReplicaSet",
                    namespace: "prod",
                    name: "web-1",
                    uid: "u-9"
                )
        )
    }
}

@Suite struct DynamicObjectTests {
    static let text = #"""
        {"apiVersion":"example.com/v1beta1","kind":"Widget","metadata":{"name":"w","namespace":"ns","resourceVersion":"5",
         "uid":"u","labels":{"a":"b"},"metaFuture":{"k":[1.0]}},"spec":{"size":3.50,"deep":{"x":null}}}
        """#

    @Test func decodesAnyObjectAndKeepsEveryByte() throws {
        let bytes = Array(Self.text.utf8)
        let object = try KubeJSON.decode(DynamicObject.self, from: bytes)
        #expect(object.apiVersion == "example.com/v1beta1")
        #expect(object.kind == "Widget")
        #expect(object.groupVersion == GroupVersion(group: "example.com", version: "v1beta1"))
        #expect(object.key == ObjectKey(namespace: "ns", name: "w"))
        #expect(object.resourceVersion == "5")
        #expect(object.uid == "u")
        #expect(try KubeJSON.encode(object) == JSONSerializer.serialize(try JSONParser.parse(Self.text)))
        #expect(object.value[path: "spec", "size"]?.description == "3.50")
    }

    @Test func typedMetadataAccess() throws {
        var object = try KubeJSON.decode(DynamicObject.self, from: Array(Self.text.utf8))
        var metadata = try object.metadata()
        #expect(metadata.labels == ["a": "b"])
        metadata.setLabel("c", "d")
        try object.setMetadata(metadata)
        #expect(object.value[path: "metadata", "labels", "c"] == "d")
        // Unknown metadata fields survive the typed edit.
        #expect(object.value[path: "metadata", "metaFuture", "k"]?[0]?.description == "1.0")
        object.kind = "Gadget"
        object.apiVersion = nil
        #expect(object.kind == "Gadget")
        #expect(object.value["apiVersion"] == nil)
        #expect(try DynamicObject(["kind": "X"]).metadata() == ObjectMeta())
        #expect(throws: (any Error).self) { try DynamicObject(["metadata": ["name": 3]]).metadata() }
    }

    @Test func convertsToAndFromTypedObjects() throws {
        let service = Service(
            metadata: ObjectMeta(name: "web", namespace: "prod"),
            spec: ServiceSpec(selector: ["app": "web"])
        )
        let dynamic = try DynamicObject(encoding: service)
        #expect(dynamic.kind == "Service")
        #expect(dynamic.key == service.key)
        #expect(try dynamic.decode(as: Service.self) == service)
        // Inside a list, items are copied as subtrees.
        let list = try KubeJSON.decode(
            KubeList<DynamicObject>.self,
            from: Array(
                #"{"kind":"WidgetList","metadata":{"resourceVersion":"9"},"items":[{"kind":"Widget","z":[1]}]}"#.utf8
            )
        )
        #expect(list.items.first?.value == ["kind": "Widget", "z": [1]])
    }
}

@Suite struct BuiltInResourcesTests {
    @Test func everyBuiltInKindIsListedOnceWithAConsistentDescriptor() {
        let all = ResourceDescriptor.builtIn
        #expect(Set(all.map(\.qualifiedName)).count == all.count)
        #expect(Set(all.flatMap(\.shortNames)).count == all.flatMap(\.shortNames).count)
        for resource in all {
            #expect(resource.plural == resource.plural.lowercased())
            #expect(resource.singular == resource.kind.lowercased())
        }
        #expect(all.contains(ReplicaSet.resource))
        #expect(all.filter { !$0.namespaced }.map(\.kind) == ["Namespace"])
    }
}
