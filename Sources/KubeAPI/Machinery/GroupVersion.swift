/// An API group and version, e.g. `apps/v1`; the core group is the empty string (`v1`).
public struct GroupVersion: Hashable, Sendable, CustomStringConvertible {
    public var group: String
    public var version: String

    public init(group: String, version: String) {
        self.group = group
        self.version = version
    }

    /// Parses an `apiVersion` field: `v1` or `apps/v1`.
    public init(apiVersion: String) {
        if let slash = apiVersion.firstIndex(of: "/") {
            self.group = String(apiVersion[..<slash])
            self.version = String(apiVersion[apiVersion.index(after: slash)...])
        } else {
            self.group = ""
            self.version = apiVersion
        }
    }

    /// The `apiVersion` field value.
    public var apiVersion: String {
        group.isEmpty ? version : "\(group)/\(version)"
    }

    /// The URL prefix: `/api/v1` for the core group, `/apis/{group}/{version}` otherwise.
    public var urlPrefix: String {
        group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
    }

    public var description: String { apiVersion }
}
