// The settings of the incumbent's providers that Vane does not measure with yet. They are typed
// so templates load, validate and round-trip unchanged; adding one of them to Vane is one provider
// file in AnalysisController that reads these fields.

/// Kayenta canary judgement.
public struct KayentaMetric: Codable, Hashable, Sendable {
    public var address: String?
    public var application: String?
    public var canaryConfigName: String?
    public var metricsAccountName: String?
    public var configurationAccountName: String?
    public var storageAccountName: String?
    public var threshold: KayentaThreshold?
    public var scopes: [KayentaScope]?
    public var lookback: Bool?
    public var unknownFields = UnknownFields()
}

public struct KayentaThreshold: Codable, Hashable, Sendable {
    public var pass: Int64?
    public var marginal: Int64?
    public var unknownFields = UnknownFields()
}

public struct KayentaScope: Codable, Hashable, Sendable {
    public var name: String?
    public var controlScope: KayentaScopeDetail?
    public var experimentScope: KayentaScopeDetail?
    public var unknownFields = UnknownFields()
}

public struct KayentaScopeDetail: Codable, Hashable, Sendable {
    public var scope: String?
    public var region: String?
    public var step: Int64?
    public var start: String?
    public var end: String?
    public var unknownFields = UnknownFields()
}

/// A Datadog query (v1) or queries with a formula (v2).
public struct DatadogMetric: Codable, Hashable, Sendable {
    public var interval: String?
    public var query: String?
    public var queries: [String: String]?
    public var formula: String?
    public var apiVersion: String?
    public var aggregator: String?
    public var secretRef: DatadogSecretRef?
    public var requestTimeout: String?
    public var unknownFields = UnknownFields()
}

/// The Secret holding Datadog credentials.
public struct DatadogSecretRef: Codable, Hashable, Sendable {
    public var name: String?
    public var namespaced: Bool?
    public var unknownFields = UnknownFields()
}

/// A Wavefront query.
public struct WavefrontMetric: Codable, Hashable, Sendable {
    public var address: String?
    public var query: String?
    public var unknownFields = UnknownFields()
}

/// A New Relic NRQL query.
public struct NewRelicMetric: Codable, Hashable, Sendable {
    public var profile: String?
    public var query: String?
    public var timeout: Int64?
    public var unknownFields = UnknownFields()
}

/// CloudWatch metric data queries.
public struct CloudWatchMetric: Codable, Hashable, Sendable {
    public var interval: String?
    public var metricDataQueries: [CloudWatchMetricDataQuery]?
    public var unknownFields = UnknownFields()
}

public struct CloudWatchMetricDataQuery: Codable, Hashable, Sendable {
    public var id: String?
    public var expression: String?
    public var label: String?
    public var metricStat: CloudWatchMetricStat?
    public var period: IntOrString?
    public var returnData: Bool?
    public var unknownFields = UnknownFields()
}

public struct CloudWatchMetricStat: Codable, Hashable, Sendable {
    public var metric: CloudWatchMetricStatMetric?
    public var period: IntOrString?
    public var stat: String?
    public var unit: String?
    public var unknownFields = UnknownFields()
}

public struct CloudWatchMetricStatMetric: Codable, Hashable, Sendable {
    public var dimensions: [CloudWatchMetricDimension]?
    public var metricName: String?
    public var namespace: String?
    public var unknownFields = UnknownFields()
}

public struct CloudWatchMetricDimension: Codable, Hashable, Sendable {
    public var name: String?
    public var value: String?
    public var unknownFields = UnknownFields()
}

/// A Graphite query.
public struct GraphiteMetric: Codable, Hashable, Sendable {
    public var address: String?
    public var query: String?
    public var unknownFields = UnknownFields()
}

/// An InfluxDB Flux query.
public struct InfluxdbMetric: Codable, Hashable, Sendable {
    public var profile: String?
    public var query: String?
    public var unknownFields = UnknownFields()
}

/// A SkyWalking query.
public struct SkyWalkingMetric: Codable, Hashable, Sendable {
    public var address: String?
    public var query: String?
    public var interval: String?
    public var unknownFields = UnknownFields()
}
