/// Which system measures a metric: exactly one member is set. Vane measures with `prometheus`,
/// `web` and `job`; the other providers' settings are read and kept so that templates written for
/// the incumbent load unchanged, and a metric using one of them ends in Error saying so.
public struct MetricProvider: Codable, Hashable, Sendable {
    public var prometheus: PrometheusMetric?
    public var kayenta: KayentaMetric?
    public var web: WebMetric?
    public var datadog: DatadogMetric?
    public var wavefront: WavefrontMetric?
    public var newRelic: NewRelicMetric?
    public var job: JobMetric?
    public var cloudWatch: CloudWatchMetric?
    public var graphite: GraphiteMetric?
    public var influxdb: InfluxdbMetric?
    public var skywalking: SkyWalkingMetric?
    /// `{"<plugin name>": {...}}` for metric plugins.
    public var plugin: JSONValue?
    public var unknownFields = UnknownFields()

    public init(
        prometheus: PrometheusMetric? = nil,
        web: WebMetric? = nil,
        job: JobMetric? = nil
    ) {
        self.prometheus = prometheus
        self.web = web
        self.job = job
    }

    /// The names of the providers that are set (`prometheus`, `web`, `plugin/<name>`, or a member
    /// this version does not model), in declaration order.
    public var configuredNames: [String] {
        var names: [String] = []
        if prometheus != nil { names.append("prometheus") }
        if kayenta != nil { names.append("kayenta") }
        if web != nil { names.append("web") }
        if datadog != nil { names.append("datadog") }
        if wavefront != nil { names.append("wavefront") }
        if newRelic != nil { names.append("newRelic") }
        if job != nil { names.append("job") }
        if cloudWatch != nil { names.append("cloudWatch") }
        if graphite != nil { names.append("graphite") }
        if influxdb != nil { names.append("influxdb") }
        if skywalking != nil { names.append("skywalking") }
        for key in plugin?.objectValue?.keys ?? [] { names.append("plugin/\(key)") }
        names.append(contentsOf: unknownFields.object.keys)
        return names
    }
}

/// A header sent with a provider's HTTP request.
public struct WebMetricHeader: Codable, Hashable, Sendable {
    public var key: String
    public var value: String
    public var unknownFields = UnknownFields()

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// How a provider authenticates to its server.
public struct MetricAuthentication: Codable, Hashable, Sendable {
    public var sigv4: Sigv4Config?
    public var oauth2: OAuth2Config?
    public var basicAuth: BasicAuthConfig?
    public var unknownFields = UnknownFields()

    public init(sigv4: Sigv4Config? = nil, oauth2: OAuth2Config? = nil, basicAuth: BasicAuthConfig? = nil) {
        self.sigv4 = sigv4
        self.oauth2 = oauth2
        self.basicAuth = basicAuth
    }
}

/// AWS SigV4 signing (Amazon Managed Prometheus).
public struct Sigv4Config: Codable, Hashable, Sendable {
    public var region: String?
    public var profile: String?
    public var roleArn: String?
    public var unknownFields = UnknownFields()
}

/// OAuth2 client credentials.
public struct OAuth2Config: Codable, Hashable, Sendable {
    public var tokenUrl: String?
    public var clientId: String?
    public var clientSecret: String?
    public var scopes: [String]?
    public var unknownFields = UnknownFields()

    public init(tokenUrl: String? = nil, clientId: String? = nil, clientSecret: String? = nil, scopes: [String]? = nil)
    {
        self.tokenUrl = tokenUrl
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.scopes = scopes
    }
}

/// HTTP basic authentication.
public struct BasicAuthConfig: Codable, Hashable, Sendable {
    public var username: String?
    public var password: String?
    public var unknownFields = UnknownFields()

    public init(username: String? = nil, password: String? = nil) {
        self.username = username
        self.password = password
    }
}
