public import KubeRuntime

/// The timeout every write of the analysis controller carries: at most the request timeout, and
/// ending before another replica could lead. Throws when this process does not lead.
public struct WriteFence: Sendable {
    public var leadership: LeadershipGuard?
    public var requestTimeout: Duration

    public init(leadership: LeadershipGuard?, requestTimeout: Duration = .seconds(10)) {
        self.leadership = leadership
        self.requestTimeout = requestTimeout
    }

    public func timeout() throws(NotLeaderError) -> Duration {
        guard let leadership else { return requestTimeout }
        return try leadership.writeTimeout(limit: requestTimeout)
    }
}
