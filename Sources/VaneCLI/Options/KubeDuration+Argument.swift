public import ArgumentParser
public import KubeAPI

/// Duration flags (`--request-timeout 30s`, `--leader-election-lease-duration 1m30s`) are read by the
/// project's one Go-duration parser, and help shows their defaults as people write them (`15s`).
extension KubeDuration: ExpressibleByArgument {
    public init?(argument: String) {
        guard let parsed = try? KubeDuration(parsing: argument) else { return nil }
        self = parsed
    }
}
