import FoundationEssentials
public import KubeAPI

/// Measures with a Prometheus query: an instant query (`/api/v1/query`), or with `rangeQuery` a
/// range query (`/api/v1/query_range`). `result` is the vector's sample values as an array of
/// numbers (a range query's values flattened; a scalar is one number; nothing matched is `[]`).
/// Prometheus's own errors (`bad_data: … parse error …`) become the measurement's Error message.
public struct PrometheusProvider: MeasurementProvider {
    public let name = "prometheus"
    /// The metadata key holding the query as sent (arguments substituted).
    public static let resolvedQueryKey = "ResolvedPrometheusQuery"
    static let defaultTimeout: Duration = .seconds(30)
    private let http: ProviderHTTPClient

    public init(http: ProviderHTTPClient) {
        self.http = http
    }

    public func metadata(for metric: Metric) -> [String: String]? {
        guard let query = metric.provider.prometheus?.query, !query.isEmpty else { return nil }
        return [Self.resolvedQueryKey: query]
    }

    public func measure(_ request: MeasurementRequest) async -> ProviderOutcome {
        guard let prometheus = request.metric.provider.prometheus else { return .error("no prometheus provider") }
        do {
            return try await query(prometheus, now: request.now)
        } catch {
            return .error(error.message)
        }
    }

    private func query(_ prometheus: PrometheusMetric, now: Date) async throws(AnalysisSpecError) -> ProviderOutcome {
        guard let address = prometheus.address, !address.isEmpty else {
            throw AnalysisSpecError("prometheus address is not configured")
        }
        guard address.hasPrefix("http://") || address.hasPrefix("https://"), ProviderHTTPClient.host(of: address) != ""
        else { throw AnalysisSpecError("prometheus address is not is url format") }
        var timeout = Self.defaultTimeout
        if let seconds = prometheus.timeout {
            guard seconds >= 0 else { throw AnalysisSpecError("prometheus timeout should not be negative") }
            if seconds > 0 { timeout = .seconds(seconds) }
        }
        var form: [(String, String)] = [("query", prometheus.query ?? "")]
        var path = "/api/v1/query"
        if let range = prometheus.rangeQuery {
            path = "/api/v1/query_range"
            let start = try RangeTime.evaluate(range.start ?? "", now: now, field: "rangeQuery.start")
            let end = try RangeTime.evaluate(range.end ?? "", now: now, field: "rangeQuery.end")
            let step: Duration
            do {
                step = try KubeDuration(parsing: range.step ?? "").duration
            } catch {
                throw AnalysisSpecError("failed to parse rangeQuery.step as duration: \(error)")
            }
            form += [
                ("start", Self.timestamp(start)), ("end", Self.timestamp(end)),
                ("step", GoFloat.format(Double(step.components.seconds) + Double(step.components.attoseconds) / 1e18)),
            ]
        } else {
            form.append(("time", Self.timestamp(now)))
        }
        var headers: [(String, String)] = [("Content-Type", "application/x-www-form-urlencoded")]
        for header in prometheus.headers ?? [] { headers.append((header.key, header.value)) }
        if let credentials = try BasicAuthentication.header(prometheus.authentication) {
            headers.append(("Authorization", credentials))
        }
        let sigv4 = prometheus.authentication?.sigv4
        if sigv4?.region != nil || sigv4?.profile != nil || sigv4?.roleArn != nil, address.contains("aps-workspaces") {
            throw AnalysisSpecError("sigv4 authentication is not supported by Vane")
        }
        if let tokenURL = prometheus.authentication?.oauth2?.tokenUrl, !tokenURL.isEmpty {
            throw AnalysisSpecError("oauth2 authentication is not supported by Vane yet")
        }
        let url = (address.hasSuffix("/") ? String(address.dropLast()) : address) + path
        let response: ProviderHTTPClient.Response
        do {
            response = try await http.send(
                method: "POST",
                url: url,
                headers: headers,
                body: Array(FormEncoding.encode(form).utf8),
                timeout: timeout,
                insecure: prometheus.insecure ?? false
            )
        } catch {
            throw AnalysisSpecError("Prometheus query failed: \(error)")
        }
        return try Self.interpret(response)
    }

    /// Reads a Prometheus API answer: `{"status": "success", "data": {"resultType": …, "result": …}}`.
    static func interpret(_ response: ProviderHTTPClient.Response) throws(AnalysisSpecError) -> ProviderOutcome {
        guard let document = try? JSONParser.parse(response.body), document.objectValue != nil else {
            let kind = response.status >= 500 ? "server_error: server error" : "client_error: client error"
            if (200..<300).contains(response.status) {
                throw AnalysisSpecError("bad_response: the answer is not JSON")
            }
            throw AnalysisSpecError("\(kind): \(response.status)")
        }
        if document["status"]?.stringValue != "success" {
            let type = document["errorType"]?.stringValue ?? "error"
            let message = document["error"]?.stringValue ?? "HTTP \(response.status)"
            throw AnalysisSpecError("\(type): \(message)")
        }
        var metadata: [String: String]?
        if let warnings = document["warnings"]?.arrayValue?.compactMap(\.stringValue), !warnings.isEmpty {
            metadata = ["warnings": warnings.map { "\"\($0)\"" }.joined(separator: ", ")]
        }
        let data = document["data"]
        let result = data?["result"]
        switch data?["resultType"]?.stringValue {
        case "scalar":
            let value = try sample(result)
            return .value(.float(value), text: GoFloat.format(value), metadata: metadata)
        case "vector":
            let values = try (result?.arrayValue ?? []).map { entry throws(AnalysisSpecError) in
                try sample(entry["value"])
            }
            return vector(values, metadata: metadata)
        case "matrix":
            var values: [Double] = []
            for series in result?.arrayValue ?? [] {
                for point in series["values"]?.arrayValue ?? [] { values.append(try sample(point)) }
            }
            return vector(values, metadata: metadata)
        default:
            throw AnalysisSpecError("Prometheus metric type not supported")
        }
    }

    private static func vector(_ values: [Double], metadata: [String: String]?) -> ProviderOutcome {
        .value(
            .array(values.map(ConditionValue.float)),
            text: "[" + values.map(GoFloat.format).joined(separator: ",") + "]",
            metadata: metadata
        )
    }

    /// `[<time>, "<value>"]` → the value (`NaN`, `+Inf` included).
    private static func sample(_ pair: JSONValue?) throws(AnalysisSpecError) -> Double {
        guard let text = pair?[1]?.stringValue, let value = ConditionFunctions.parseFloat(text) else {
            throw AnalysisSpecError("bad_response: unreadable sample \(pair.map { String(describing: $0) } ?? "null")")
        }
        return value
    }

    static func timestamp(_ date: Date) -> String {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        return GoFloat.format(milliseconds / 1000)
    }
}
