/// A Prometheus query: an instant query at `address` (`/api/v1/query`), or a range query with
/// `rangeQuery`. `result` is the vector's sample values as an array of numbers.
public struct PrometheusMetric: Codable, Hashable, Sendable {
    public var address: String?
    public var query: String?
    public var authentication: MetricAuthentication?
    /// Seconds the query may take [30].
    public var timeout: Int64?
    /// Skip TLS certificate verification.
    public var insecure: Bool?
    public var headers: [WebMetricHeader]?
    public var rangeQuery: PrometheusRangeQueryArgs?
    public var unknownFields = UnknownFields()

    public init(
        address: String? = nil,
        query: String? = nil,
        authentication: MetricAuthentication? = nil,
        timeout: Int64? = nil,
        insecure: Bool? = nil,
        headers: [WebMetricHeader]? = nil
    ) {
        self.address = address
        self.query = query
        self.authentication = authentication
        self.timeout = timeout
        self.insecure = insecure
        self.headers = headers
    }
}

/// The window of a range query, as expressions (`now() - duration("5m")`) and a step.
public struct PrometheusRangeQueryArgs: Codable, Hashable, Sendable {
    public var start: String?
    public var end: String?
    public var step: String?
    public var unknownFields = UnknownFields()

    public init(start: String? = nil, end: String? = nil, step: String? = nil) {
        self.start = start
        self.end = end
        self.step = step
    }
}
