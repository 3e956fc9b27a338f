import AnalysisController
import EmbeddedCluster
import Foundation
import KubeAPI
import KubeTestKit
import Testing

/// The web provider against an HTTP server the test serves (and an HTTPS one for `insecure`).
@Suite("Web provider", .timeLimit(.minutes(2)))
struct WebProviderTests {
    static func measure(_ web: WebMetric, http: ProviderHTTPClient) async -> ProviderOutcome {
        let metric = Metric(name: "web", provider: MetricProvider(web: web))
        return await WebProvider(http: http).measure(
            MeasurementRequest(run: AnalysisRun(), metric: metric, now: Date())
        )
    }

    @Test("JSON paths, bodies, headers, status codes, text answers and timeouts")
    func requests() async throws {
        try await ProviderHTTPClient.with { http in
            try await ScriptedHTTPServer.with { server in
                let base = await server.baseURL
                server.reply(
                    "/status",
                    .init(body: #"{"data": {"ok": true, "successPercent": 0.93, "items": [{"v": 1}, {"v": 2}]}}"#)
                )

                #expect(
                    await Self.measure(WebMetric(url: base + "/status", jsonPath: "{$.data.ok}"), http: http)
                        == .value(.bool(true), text: "true")
                )
                let whole = await Self.measure(WebMetric(url: base + "/status"), http: http)
                guard case .value(let document, _, _) = whole else {
                    Issue.record("expected a value, got \(whole)")
                    return
                }
                #expect(
                    try Condition("result.data.ok && result.data.successPercent >= 0.90").evaluate(result: document)
                )
                #expect(
                    await Self.measure(WebMetric(url: base + "/status", jsonPath: "{.data.items[1].v}"), http: http)
                        == .value(.float(2), text: "2")
                )
                #expect(
                    await Self.measure(WebMetric(url: base + "/status", jsonPath: "{$.data.items[*].v}"), http: http)
                        == .value(.float(1), text: "1")
                )
                #expect(
                    await Self.measure(WebMetric(url: base + "/status", jsonPath: "{$.data.missing}"), http: http)
                        == .error("Could not find JSONPath in body: missing is not found")
                )

                // POST with a JSON body and headers; the server sees them as sent.
                server.reply("/measure", .init(body: #"{"score": 42}"#))
                let posted = await Self.measure(
                    WebMetric(
                        method: "POST",
                        url: base + "/measure?service=shop",
                        headers: [WebMetricHeader(key: "Authorization", value: "Bearer t0ken")],
                        jsonPath: "{$.score}",
                        jsonBody: ["service": "shop", "window": 5]
                    ),
                    http: http
                )
                #expect(posted == .value(.float(42), text: "42"))
                let request = try #require(server.requests.last)
                #expect(request.method == "POST" && request.path == "/measure")
                #expect(request.headers["authorization"] == "Bearer t0ken")
                #expect(request.headers["content-type"] == "application/json")
                #expect(try JSONParser.parse(Array(request.body.utf8)) == ["service": "shop", "window": 5])
                _ = await Self.measure(WebMetric(method: "PUT", url: base + "/measure", body: "plain text"), http: http)
                #expect(server.requests.last?.method == "PUT" && server.requests.last?.body == "plain text")

                // A text answer is the result as a string.
                server.reply("/text", .init(body: "It worked!", contentType: "text/plain"))
                #expect(
                    await Self.measure(WebMetric(url: base + "/text"), http: http)
                        == .value(.string("It worked!"), text: "It worked!")
                )

                server.reply("/broken", .init(status: 500, body: "{}"))
                #expect(
                    await Self.measure(WebMetric(url: base + "/broken"), http: http)
                        == .error("received non 2xx response code: 500")
                )
                #expect(
                    await Self.measure(WebMetric(url: base + "/status", body: "x"), http: http)
                        == .error("Body/JSONBody can only be used with POST or PUT WebMetric Method types")
                )
                #expect(
                    await Self.measure(
                        WebMetric(method: "POST", url: base + "/status", body: "x", jsonBody: ["a": 1]),
                        http: http
                    )
                        == .error("use either Body or JSONBody; both cannot exists for WebMetric payload")
                )
                server.reply("/slow", .init(body: "{}", delay: .seconds(5)))
                let host = String(base.dropFirst("http://".count))
                #expect(
                    await Self.measure(WebMetric(url: base + "/slow", timeoutSeconds: 1), http: http)
                        == .error("GET \(base)/slow: no answer from \(host) within 1s")
                )
            }
        }
    }

    @Test("insecure skips certificate verification, as the incumbent's web-background example needs")
    func insecure() async throws {
        try await withEmbeddedCluster(EmbeddedClusterConfiguration(tls: try EmbeddedClusterTLS.generate())) { cluster in
            try await ProviderHTTPClient.with { http in
                let url = await cluster.serverURL() + "/version"
                let headers = [
                    WebMetricHeader(key: "Authorization", value: "Bearer \(cluster.configuration.adminToken)")
                ]
                let verified = await Self.measure(WebMetric(url: url, headers: headers), http: http)
                guard case .error(let message, _) = verified else {
                    Issue.record("an untrusted certificate was accepted: \(verified)")
                    return
                }
                #expect(message.contains("TLS handshake with") || message.contains("certificate"), "\(message)")
                let skipped = await Self.measure(
                    WebMetric(url: url, headers: headers, jsonPath: "{$.major}", insecure: true),
                    http: http
                )
                #expect(skipped == .value(.string("1"), text: "\"1\""))
            }
        }
    }

    @Test(arguments: [
        ("{$}", #"{"a":[1,{"b":"x"}]}"#), ("", #"{"a":[1,{"b":"x"}]}"#), ("{$.a[1].b}", #""x""#),
        ("{.a[-1]['b']}", #""x""#),
        ("{$..b}", #""x""#), ("{$.a[0]}", "1"), ("{$.a.*}", "1"),
    ])
    func jsonPaths(_ path: String, _ expected: String) throws {
        let document = try JSONParser.parse(Array(#"{"a":[1,{"b":"x"}]}"#.utf8))
        let found = try JSONPathQuery(path).firstValue(in: document)
        #expect(String(decoding: JSONSerializer.serialize(found), as: UTF8.self) == expected)
    }
}
