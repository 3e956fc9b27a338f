public import KubeAPI

/// The providers a controller measures with, looked up by the member a metric's `provider:` sets.
public struct ProviderRegistry: Sendable {
    private var providers: [String: any MeasurementProvider]

    public init(_ providers: [any MeasurementProvider]) {
        self.providers = Dictionary(providers.map { ($0.name, $0) }) { _, last in last }
    }

    /// The provider for `metric`, or why there is none (one line, for the measurement's message).
    public func provider(for metric: Metric) -> Result<any MeasurementProvider, ProviderUnavailable> {
        let names = metric.provider.configuredNames
        guard let name = names.first, names.count == 1 else {
            return .failure(ProviderUnavailable(message: "no valid provider in metric '\(metric.name)'"))
        }
        guard let provider = providers[name] else {
            return .failure(
                ProviderUnavailable(
                    message: "the \(name) provider is not supported by Vane (metric '\(metric.name)'); "
                        + "supported: \(providers.keys.sorted().joined(separator: ", "))"
                )
            )
        }
        return .success(provider)
    }
}

/// A metric names a provider this controller does not have.
public struct ProviderUnavailable: Error, Sendable, Hashable {
    public var message: String

    public init(message: String) {
        self.message = message
    }
}
