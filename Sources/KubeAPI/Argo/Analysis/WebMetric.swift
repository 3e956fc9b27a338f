/// An HTTP request whose JSON answer (or the value at `jsonPath` in it) is the measurement.
public struct WebMetric: Codable, Hashable, Sendable {
    /// `GET` [default], `POST` or `PUT`.
    public var method: String?
    public var url: String
    public var headers: [WebMetricHeader]?
    /// A text body (POST and PUT only).
    public var body: String?
    /// Seconds the request may take [10].
    public var timeoutSeconds: Int64?
    /// Where in the JSON answer `result` is, e.g. `{$.data.ok}` [`{$}`].
    public var jsonPath: String?
    /// Skip TLS certificate verification.
    public var insecure: Bool?
    /// A JSON body, sent with `Content-Type: application/json` (POST and PUT only).
    public var jsonBody: JSONValue?
    public var authentication: MetricAuthentication?
    public var unknownFields = UnknownFields()

    public init(
        method: String? = nil,
        url: String,
        headers: [WebMetricHeader]? = nil,
        body: String? = nil,
        timeoutSeconds: Int64? = nil,
        jsonPath: String? = nil,
        insecure: Bool? = nil,
        jsonBody: JSONValue? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeoutSeconds = timeoutSeconds
        self.jsonPath = jsonPath
        self.insecure = insecure
        self.jsonBody = jsonBody
    }

    enum CodingKeys: String, CodingKey {
        case method, url, headers, body, timeoutSeconds, jsonPath, insecure, jsonBody, authentication, unknownFields
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        method = try container.decodeIfPresent(String.self, forKey: .method)
        url = try container.decodeIfPresent(String.self, forKey: .url) ?? ""
        headers = try container.decodeIfPresent([WebMetricHeader].self, forKey: .headers)
        body = try container.decodeIfPresent(String.self, forKey: .body)
        timeoutSeconds = try container.decodeIfPresent(Int64.self, forKey: .timeoutSeconds)
        jsonPath = try container.decodeIfPresent(String.self, forKey: .jsonPath)
        insecure = try container.decodeIfPresent(Bool.self, forKey: .insecure)
        jsonBody = try container.decodeIfPresent(JSONValue.self, forKey: .jsonBody)
        authentication = try container.decodeIfPresent(MetricAuthentication.self, forKey: .authentication)
        unknownFields = try container.decode(UnknownFields.self, forKey: .unknownFields)
    }
}
