import EmbeddedCluster
import Foundation
import KubeAPI
import KubeClient
import KubeTestKit
import Testing

/// A Status body with `status: Failure`, as an aggregated API or a conversion webhook sends it.
func failureStatus(code: Int?, reason: String, message: String) -> String {
    let codeField = code.map { ",\"code\":\($0)" } ?? ""
    return #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","#
        + #""message":"\#(message)","reason":"\#(reason)"\#(codeField)}"#
}

extension EmbeddedCluster {
    /// Makes the next `times` requests with `verb` (all of them when nil) meet `action`.
    func inject(_ verb: String, _ action: FaultRule.Action, times: Int? = nil) async {
        await faults.install(FaultRule(verbs: [verb], action: action, remaining: times))
    }

    /// How many more requests the first installed fault will hit.
    var faultHitsLeft: Int? {
        get async { await faults.activeRules.first?.remaining }
    }
}

@Suite("Bad responses become typed errors in one line, never a crash", .timeLimit(.minutes(2)))
struct ClientBadResponseTests {
    @Test("a watch stream that ends in the middle of an event is a bad response naming the watch and the host")
    func watchCutMidEvent() async throws {
        try await withEmbeddedCluster { cluster in
            try await withKubeClient(try await adminConfiguration(cluster)) { client in
                let whole = #"{"type":"ADDED","object":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}}"#
                let cut = #"{"type":"MODIFIED","object":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"na"#
                await cluster.inject("watch", .respond(code: 200, body: whole + "\n" + cut))
                var updates = try await client.watch(ConfigMap.self, namespace: "default").makeAsyncIterator()
                let first = try await updates.next()
                #expect(first?.object?.metadata.name == "a")
                do {
                    _ = try await updates.next()
                    Issue.record("a cut event must not pass for the end of the stream")
                } catch let error as KubeError {
                    #expect(error.kind == .badResponse)
                    let server = await cluster.serverURL()
                    #expect(
                        error.description == """
                            WATCH \(server)/api/v1/namespaces/default/configmaps?watch=true&allowWatchBookmarks=true: \
                            the watch stream ended in the middle of an event (\(cut.utf8.count) bytes of it received)
                            """
                    )
                }
                #expect(try await updates.next() == nil, "a failed stream ends")
            }
        }
    }

    @Test("a line that is not JSON in a watch, and a bare Status in its place, are typed")
    func watchGarbage() async throws {
        try await withEmbeddedCluster { cluster in
            try await withKubeClient(try await adminConfiguration(cluster)) { client in
                await cluster.inject("watch", .respond(code: 200, body: "<html>\n<b>proxy</b></html>\n"), times: 1)
                var garbage = try await client.watch(configMaps, namespace: "default").makeAsyncIterator()
                do {
                    _ = try await garbage.next()
                    Issue.record("expected a bad response")
                } catch let error as KubeError {
                    #expect(error.kind == .badResponse)
                    #expect(
                        error.message.hasPrefix(
                            "the watch stream sent a line that is not JSON (invalid JSON at line 1, column 1:"
                        )
                    )
                    #expect(error.message.hasSuffix("): <html>"))
                }

                let status = failureStatus(code: 410, reason: "Expired", message: "too old resource version: 1 (40)")
                await cluster.inject("watch", .respond(code: 200, body: status), times: 1)
                var bare = try await client.watch(configMaps, namespace: "default", resourceVersion: "1")
                    .makeAsyncIterator()
                do {
                    _ = try await bare.next()
                    Issue.record("expected gone")
                } catch let error as KubeError {
                    #expect(error.kind == .gone)
                    #expect(error.message == "too old resource version: 1 (40)")
                }
            }
        }
    }

    @Test("a 2xx whose body is not JSON is a bad response quoting the start of the body on one line")
    func nonJSONSuccess() async throws {
        try await withEmbeddedCluster { cluster in
            try await withKubeClient(try await adminConfiguration(cluster)) { client in
                let page = "<!DOCTYPE html>\n<html>\n  <body>Sign in to continue</body>\n</html>\n"
                await cluster.inject("get", .respond(code: 200, contentType: "text/html", body: page), times: 3)
                do {
                    _ = try await client.get(ConfigMap.self, name: "x")
                    Issue.record("expected a bad response")
                } catch let error as KubeError {
                    #expect(error.kind == .badResponse)
                    #expect(error.verb == "GET")
                    let url = "\(await cluster.serverURL())/api/v1/namespaces/default/configmaps/x"
                    #expect(
                        error.description.hasPrefix(
                            "GET \(url): the server answered 200 (text/html) with a body that is not JSON (invalid JSON at line 1, column 1"
                        )
                    )
                    #expect(
                        error.description.hasSuffix(
                            "): <!DOCTYPE html> <html> <body>Sign in to continue</body> </html>"
                        )
                    )
                }
                // Not retried: the server answered, it is not unavailable.
                #expect(await cluster.faultHitsLeft == 2)
                await cluster.faults.removeAll()

                await cluster.inject("create", .respond(code: 201, body: ""))
                do {
                    _ = try await client.create(ConfigMap(metadata: ObjectMeta(name: "y")))
                    Issue.record("expected a bad response")
                } catch let error as KubeError {
                    #expect(error.kind == .badResponse)
                    #expect(error.message == "the server answered 201 with an empty body")
                }
            }
        }
    }

    @Test("an error code whose body is not a Status keeps its code and quotes the body, cut, on one line")
    func nonJSONError() async throws {
        try await withEmbeddedCluster { cluster in
            try await withKubeClient(try await adminConfiguration(cluster)) { client in
                let page =
                    "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>"
                    + String(repeating: "upstream unavailable ", count: 200) + "</body></html>"
                await cluster.inject("create", .respond(code: 502, contentType: "text/html", body: page))
                do {
                    _ = try await client.create(ConfigMap(metadata: ObjectMeta(name: "z")))
                    Issue.record("expected a server error")
                } catch let error as KubeError {
                    #expect(error.kind == .server(code: 502))
                    #expect(error.isDependencyFailure)
                    #expect(!error.description.contains("\n"))
                    #expect(
                        error.message.hasPrefix(
                            "the server answered 502 (text/html) with a body that is not a Status: <html> <head><title>502 Bad Gateway"
                        )
                    )
                    #expect(error.message.hasSuffix("… (\(page.utf8.count) bytes)"))
                    #expect(error.message.count < 320)
                }

                // JSON that is not a Status is quoted too, not read as an empty Status.
                await cluster.faults.removeAll()
                await cluster.inject("create", .respond(code: 500, body: #"{"error":"backend exploded"}"#))
                do {
                    _ = try await client.create(ConfigMap(metadata: ObjectMeta(name: "z")))
                    Issue.record("expected a server error")
                } catch let error as KubeError {
                    #expect(error.kind == .server(code: 500))
                    #expect(
                        error.message == """
                            the server answered 500 (application/json) with a body that is not a Status: {"error":"backend exploded"}
                            """
                    )
                }
            }
        }
    }

    @Test("a Status of Failure on a 200 is the error it describes; without a code it is a bad response")
    func failureStatusOnSuccess() async throws {
        try await withEmbeddedCluster { cluster in
            try await withKubeClient(try await adminConfiguration(cluster)) { client in
                let webhook =
                    #"conversion webhook for argoproj.io/v1alpha1, Kind=Rollout failed: "#
                    + #"Post \"https://rollouts-webhook.argo.svc/convert\": x509: certificate signed by unknown authority"#
                let status = failureStatus(code: 500, reason: "InternalError", message: webhook)
                await cluster.inject("create", .respond(code: 200, body: status), times: 1)
                do {
                    _ = try await client.create(ConfigMap(metadata: ObjectMeta(name: "s")))
                    Issue.record("a Failure status must not pass for the object")
                } catch let error as KubeError {
                    #expect(error.kind == .server(code: 500))
                    #expect(error.isDependencyFailure)
                    #expect(error.status?.reason == "InternalError")
                    #expect(error.message.hasSuffix(#"convert": x509: certificate signed by unknown authority"#))
                    #expect(
                        error.message.contains(#"Post "https://rollouts-webhook.argo.svc/"#),
                        "the quotes are unescaped"
                    )
                }

                await cluster.inject(
                    "get",
                    .respond(code: 200, body: failureStatus(code: nil, reason: "", message: "")),
                    times: 1
                )
                do {
                    _ = try await client.get(configMaps, name: "s")
                    Issue.record("a Failure status must not pass for the object")
                } catch let error as KubeError {
                    #expect(error.kind == .badResponse)
                    #expect(error.message == "the server answered 200 with a Status of Failure: no message")
                }
            }
        }
    }

    @Test("410 on a get, on a list and at the start of a watch is a typed gone error, never retried")
    func goneEverywhere() async throws {
        try await withEmbeddedCluster { cluster in
            try await withKubeClient(try await adminConfiguration(cluster)) { client in
                for verb in ["get", "list", "watch"] {
                    await cluster.inject(verb, .error(code: 410, message: "the \(verb) is gone"), times: 2)
                    do {
                        switch verb {
                        case "get": _ = try await client.get(ConfigMap.self, name: "x")
                        case "list": _ = try await client.list(ConfigMap.self, namespace: "default")
                        default: _ = try await client.watch(ConfigMap.self, namespace: "default", resourceVersion: "1")
                        }
                        Issue.record("\(verb) must fail with gone")
                    } catch let error as KubeError {
                        #expect(error.kind == .gone, "\(verb)")
                        #expect(error.message == "the \(verb) is gone")
                    }
                    #expect(await cluster.faultHitsLeft == 1, "\(verb) was sent once")
                    await cluster.faults.removeAll()
                }
            }
        }
    }

    @Test("a continue token that expires between pages makes the list read again in one request")
    func expiredContinueToken() async throws {
        try await withEmbeddedCluster { cluster in
            try await withKubeClient(try await adminConfiguration(cluster)) { client in
                for index in 0..<5 { _ = try await client.create(ConfigMap(metadata: ObjectMeta(name: "p\(index)"))) }
                // The first page passes; the second finds its token compacted away, as the real server words it.
                await cluster.inject("list", .latency(.zero), times: 1)
                let expired = "The provided continue parameter is too old to display a consistent list result."
                await cluster.inject("list", .error(code: 410, message: expired), times: 1)
                let listed = try await client.list(configMaps, namespace: "default", pageSize: 2)
                #expect(
                    listed.items.compactMap { $0[path: "metadata", "name"]?.stringValue } == (0..<5).map { "p\($0)" }
                )
                #expect(!listed.resourceVersion.isEmpty)
                #expect(await cluster.faults.activeRules.isEmpty)
            }
        }
    }

    @Test("5xx: reads are retried with a doubling backoff up to three attempts; writes are sent once")
    func serverErrors() async throws {
        let clock = RecordingClock()
        try await withEmbeddedCluster { cluster in
            try await withKubeClient(try await adminConfiguration(cluster), clock: clock) { client in
                _ = try await client.create(replicaSets, replicaSet("five"))

                await cluster.inject("get", .error(code: 500, message: "etcdserver: leader changed"), times: 5)
                do {
                    _ = try await client.get(replicaSets, name: "five")
                    Issue.record("expected a server error")
                } catch let error as KubeError {
                    #expect(error.kind == .server(code: 500))
                    #expect(error.message == "etcdserver: leader changed")
                }
                #expect(await cluster.faultHitsLeft == 2, "three attempts")
                #expect(clock.sleeps == [.milliseconds(100), .milliseconds(200)])
                await cluster.faults.removeAll()

                for verb in ["create", "update", "patch", "delete"] {
                    let current = try await client.get(replicaSets, name: "five")
                    await cluster.inject(verb, .error(code: 503, message: "the server is shutting down"), times: 2)
                    do {
                        switch verb {
                        case "create": _ = try await client.create(replicaSets, replicaSet("six"))
                        case "update": _ = try await client.update(replicaSets, current)
                        case "patch": _ = try await client.scale(replicaSets, name: "five", replicas: 4)
                        default: try await client.delete(replicaSets, name: "five")
                        }
                        Issue.record("\(verb) must fail")
                    } catch let error as KubeError {
                        #expect(error.kind == .server(code: 503), "\(verb)")
                    }
                    #expect(await cluster.faultHitsLeft == 1, "\(verb) was sent once")
                    await cluster.faults.removeAll()
                }
                #expect(clock.sleeps == [.milliseconds(100), .milliseconds(200)], "no write waited to retry")
            }
        }
    }

    @Test("429 is retried after the server's Retry-After, for writes too, unless the wait outlasts the timeout")
    func retryAfter() async throws {
        let clock = RecordingClock()
        try await withEmbeddedCluster { cluster in
            try await withKubeClient(try await adminConfiguration(cluster, requestTimeout: .seconds(20)), clock: clock)
            { client in
                let status = failureStatus(
                    code: 429,
                    reason: "TooManyRequests",
                    message: "too many requests, please try again later"
                )
                let throttled = FaultRule.Action.respond(code: 429, body: status, headers: ["Retry-After": "7"])
                await cluster.inject("create", throttled, times: 1)
                _ = try await client.create(ConfigMap(metadata: ObjectMeta(name: "after-wait")))
                #expect(clock.sleeps == [.seconds(7)])

                await cluster.inject("get", throttled, times: 1)
                do {
                    _ = try await client.get(ConfigMap.self, name: "after-wait", timeout: .seconds(5))
                    Issue.record("a 7 s wait does not fit in a 5 s timeout")
                } catch let error as KubeError {
                    #expect(error.kind == .tooManyRequests(retryAfter: .seconds(7)))
                    #expect(error.message == "too many requests, please try again later")
                }
                #expect(clock.sleeps == [.seconds(7)], "no wait started")
            }
        }
    }

    @Test("qps and burst: a burst passes at once, then requests wait for tokens")
    func rateLimit() async throws {
        let clock = RecordingClock()
        try await withEmbeddedCluster { cluster in
            var configuration = try await adminConfiguration(cluster)
            configuration.qps = 2
            configuration.burst = 3
            try await withKubeClient(configuration, clock: clock) { client in
                for _ in 0..<3 { _ = try await client.list(configMaps, namespace: "default") }
                #expect(clock.sleeps.isEmpty)
                for _ in 0..<2 { _ = try await client.list(configMaps, namespace: "default") }
                #expect(clock.sleeps == [.milliseconds(500), .milliseconds(500)])
            }
        }
    }

    @Test("a server message on several lines, and a very long one, are described on one line")
    func oneLineDescriptions() async throws {
        try await withEmbeddedCluster { cluster in
            try await withKubeClient(try await adminConfiguration(cluster)) { client in
                let denial = """
                    admission webhook "validate.example.com" denied the request:
                      - spec.replicas: too many
                      - spec.image: not allowed
                    """
                await cluster.inject("create", .error(code: 400, message: denial), times: 1)
                do {
                    _ = try await client.create(ConfigMap(metadata: ObjectMeta(name: "d")))
                    Issue.record("expected a denial")
                } catch let error as KubeError {
                    #expect(error.message == denial, "the message keeps what the server said")
                    #expect(
                        error.description.hasSuffix(
                            #"admission webhook "validate.example.com" denied the request: - spec.replicas: too many - spec.image: not allowed"#
                        )
                    )
                }
                let long = String(repeating: "field is invalid; ", count: 200)
                await cluster.inject("create", .error(code: 422, message: long), times: 1)
                do {
                    _ = try await client.create(ConfigMap(metadata: ObjectMeta(name: "l")))
                    Issue.record("expected invalid")
                } catch let error as KubeError {
                    #expect(error.kind == .invalid)
                    #expect(error.description.hasSuffix("…"))
                    #expect(error.description.count < 1_200)
                }
            }
        }
    }
}
