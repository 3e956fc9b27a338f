import AnalysisController
import Foundation
import KubeAPI
import Testing

/// The Prometheus provider against a real Prometheus server scraping series the test serves.
@Suite("Prometheus provider against a real Prometheus", .timeLimit(.minutes(2)))
struct PrometheusProviderTests {
    static let exposition = """
        # TYPE vane_test_success_rate gauge
        vane_test_success_rate{service="good"} 0.97
        vane_test_success_rate{service="bad"} 0.42
        # TYPE vane_test_latency_seconds gauge
        vane_test_latency_seconds NaN

        """

    static func metric(
        _ address: String,
        _ query: String,
        timeout: Int64? = nil,
        range: PrometheusRangeQueryArgs? = nil
    )
        -> Metric
    {
        var prometheus = PrometheusMetric(address: address, query: query, timeout: timeout)
        prometheus.rangeQuery = range
        return Metric(
            name: "rate",
            successCondition: "result[0] >= 0.95",
            provider: MetricProvider(prometheus: prometheus)
        )
    }

    static func measure(_ metric: Metric, http: ProviderHTTPClient) async -> ProviderOutcome {
        let provider = PrometheusProvider(http: http)
        return await provider.measure(MeasurementRequest(run: AnalysisRun(), metric: metric, now: Date()))
    }

    @Test("instant and range queries, empty results, PromQL errors and an unreachable server")
    func againstPrometheus() async throws {
        try await ProviderHTTPClient.with { http in
            try await ScriptedHTTPServer.with { target in
                target.expose(Self.exposition)
                let host = String(await target.baseURL.dropFirst("http://".count))
                try await PrometheusProcess.with(scraping: host) { prometheus in
                    try await prometheus.waitUntilQueryable("vane_test_success_rate")
                    let address = prometheus.address

                    // A vector: its sample values, in the incumbent's text form, judged by the condition.
                    let good = await Self.measure(
                        Self.metric(address, "vane_test_success_rate{service=\"good\"}"),
                        http: http
                    )
                    #expect(good == .value(.array([.float(0.97)]), text: "[0.97]"))
                    #expect(
                        MeasurementJudgement.judge(.array([.float(0.97)]), metric: Self.metric(address, "")).phase
                            == .successful
                    )
                    let bad = await Self.measure(
                        Self.metric(address, "vane_test_success_rate{service=\"bad\"}"),
                        http: http
                    )
                    #expect(bad == .value(.array([.float(0.42)]), text: "[0.42]"))

                    // Two series, a scalar, NaN, and nothing matched.
                    let both = await Self.measure(Self.metric(address, "sort(vane_test_success_rate)"), http: http)
                    #expect(both == .value(.array([.float(0.42), .float(0.97)]), text: "[0.42,0.97]"))
                    let scalar = await Self.measure(
                        Self.metric(address, "scalar(vane_test_success_rate{service=\"good\"}) * 2"),
                        http: http
                    )
                    #expect(scalar == .value(.float(1.94), text: "1.94"))
                    let nan = await Self.measure(Self.metric(address, "vane_test_latency_seconds"), http: http)
                    guard case .value(.array(let values), let text, _) = nan else {
                        Issue.record("expected a value, got \(nan)")
                        return
                    }
                    #expect(values.count == 1 && values[0].number?.isNaN == true && text == "[NaN]")
                    let empty = await Self.measure(Self.metric(address, "vane_test_missing"), http: http)
                    #expect(empty == .value(.array([]), text: "[]"))

                    // A range query over the last seconds: every sample, flattened.
                    let range = await Self.measure(
                        Self.metric(
                            address,
                            "vane_test_success_rate{service=\"good\"}",
                            range: PrometheusRangeQueryArgs(start: "now() - duration(\"3s\")", end: "now()", step: "1s")
                        ),
                        http: http
                    )
                    guard case .value(.array(let samples), _, _) = range else {
                        Issue.record("expected a range, got \(range)")
                        return
                    }
                    #expect(!samples.isEmpty && samples.allSatisfy { $0 == .float(0.97) })

                    // Prometheus's own error, word for word.
                    let invalid = await Self.measure(
                        Self.metric(address, "rate(vane_test_success_rate[1m]"),
                        http: http
                    )
                    guard case .error(let message, _) = invalid else {
                        Issue.record("expected an error, got \(invalid)")
                        return
                    }
                    #expect(message.hasPrefix("bad_data: "))
                    #expect(message.contains("parse error"))

                    let provider = PrometheusProvider(http: http)
                    #expect(
                        provider.metadata(for: Self.metric(address, "up"))
                            == [PrometheusProvider.resolvedQueryKey: "up"]
                    )
                }
            }
            // Nothing listens there any more.
            let port = try PrometheusProcess.freePort()
            let unreachable = await Self.measure(Self.metric("http://127.0.0.1:\(port)", "up"), http: http)
            #expect(
                unreachable
                    == .error("Prometheus query failed: cannot connect to 127.0.0.1:\(port): connection refused")
            )
        }
    }

    @Test("a query that outlives its timeout, HTTP errors that are not Prometheus's, and invalid settings")
    func timeoutsAndFailures() async throws {
        try await ProviderHTTPClient.with { http in
            try await ScriptedHTTPServer.with { server in
                let base = await server.baseURL
                server.reply("/slow/api/v1/query", .init(body: "{}", delay: .seconds(5)))
                let slow = await Self.measure(Self.metric(base + "/slow", "up", timeout: 1), http: http)
                let host = String(base.dropFirst("http://".count))
                #expect(slow == .error("Prometheus query failed: no answer from \(host) within 1s"))

                server.reply(
                    "/down/api/v1/query",
                    .init(status: 503, body: "upstream unavailable", contentType: "text/plain")
                )
                #expect(
                    await Self.measure(Self.metric(base + "/down", "up"), http: http)
                        == .error("server_error: server error: 503")
                )

                // Headers, basic auth and the form-encoded query reach the server.
                server.reply(
                    "/auth/api/v1/query",
                    .init(body: #"{"status":"success","data":{"resultType":"vector","result":[]},"warnings":["w1"]}"#)
                )
                var metric = Self.metric(base + "/auth", "sum(rate(x{a=\"b c\"}[5m]))")
                metric.provider.prometheus?.headers = [WebMetricHeader(key: "X-Scope-OrgID", value: "tenant")]
                metric.provider.prometheus?.authentication = MetricAuthentication(
                    basicAuth: BasicAuthConfig(username: "u", password: "p")
                )
                #expect(
                    await Self.measure(metric, http: http)
                        == .value(.array([]), text: "[]", metadata: ["warnings": "\"w1\""])
                )
                let request = try #require(server.requests.last)
                #expect(request.method == "POST")
                #expect(request.headers["x-scope-orgid"] == "tenant")
                #expect(request.headers["authorization"] == "Basic dTpw")
                #expect(request.body.hasPrefix("query=sum%28rate%28x%7Ba%3D%22b%20c%22%7D%5B5m%5D%29%29&time="))
            }
            #expect(
                await Self.measure(Self.metric("", "up"), http: http) == .error("prometheus address is not configured")
            )
            #expect(
                await Self.measure(Self.metric("prometheus:9090", "up"), http: http)
                    == .error("prometheus address is not is url format")
            )
            #expect(
                await Self.measure(Self.metric("http://p:9090", "up", timeout: -1), http: http)
                    == .error("prometheus timeout should not be negative")
            )
        }
    }
}
