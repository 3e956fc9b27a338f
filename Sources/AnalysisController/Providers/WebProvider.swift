import KubeAPI

/// Measures with an HTTP request (`method` [GET], `url`, `headers`, `body` or `jsonBody`,
/// `timeoutSeconds` [10], `insecure`). `result` is the JSON value at `jsonPath` in the answer (the
/// whole answer by default); an answer that is not JSON is `result` as a string.
public struct WebProvider: MeasurementProvider {
    public let name = "web"
    static let defaultTimeout: Duration = .seconds(10)
    private let http: ProviderHTTPClient

    public init(http: ProviderHTTPClient) {
        self.http = http
    }

    public func measure(_ request: MeasurementRequest) async -> ProviderOutcome {
        guard let web = request.metric.provider.web else { return .error("no web provider") }
        do {
            return try await fetch(web)
        } catch {
            return .error(error.message)
        }
    }

    private func fetch(_ web: WebMetric) async throws(AnalysisSpecError) -> ProviderOutcome {
        let method = (web.method ?? "").isEmpty ? "GET" : (web.method ?? "GET").uppercased()
        let text = web.body ?? ""
        let json = web.jsonBody.flatMap { $0.isNull ? nil : $0 }
        if !text.isEmpty && json != nil {
            throw AnalysisSpecError("use either Body or JSONBody; both cannot exists for WebMetric payload")
        }
        if (!text.isEmpty || json != nil) && method == "GET" {
            throw AnalysisSpecError("Body/JSONBody can only be used with POST or PUT WebMetric Method types")
        }
        let path = try JSONPathQuery(web.jsonPath ?? "")
        var headers = (web.headers ?? []).map { ($0.key, $0.value) }
        if let credentials = try BasicAuthentication.header(web.authentication) {
            headers.append(("Authorization", credentials))
        }
        if let tokenURL = web.authentication?.oauth2?.tokenUrl, !tokenURL.isEmpty {
            throw AnalysisSpecError("oauth2 authentication is not supported by Vane yet")
        }
        var body: [UInt8]?
        if !text.isEmpty { body = Array(text.utf8) }
        if let json {
            body = JSONSerializer.serialize(json)
            headers.append(("Content-Type", "application/json"))
        }
        let seconds = web.timeoutSeconds ?? 0
        let response: ProviderHTTPClient.Response
        do {
            response = try await http.send(
                method: method,
                url: web.url,
                headers: headers,
                body: body,
                timeout: seconds > 0 ? .seconds(seconds) : Self.defaultTimeout,
                insecure: web.insecure ?? false
            )
        } catch {
            throw AnalysisSpecError("\(method) \(web.url): \(error)")
        }
        guard (200..<300).contains(response.status) else {
            throw AnalysisSpecError("received non 2xx response code: \(response.status)")
        }
        guard let document = try? JSONParser.parse(response.body) else {
            let text = String(decoding: response.body, as: UTF8.self)
            return .value(.string(text), text: text)
        }
        let value: JSONValue
        do {
            value = try path.firstValue(in: document)
        } catch {
            throw AnalysisSpecError("Could not find JSONPath in body: \(error)")
        }
        return .value(ConditionValue(value), text: String(decoding: JSONSerializer.serialize(value), as: UTF8.self))
    }
}
