/// The parts of a server URL that the transport needs; small on purpose (no user info, query or fragment).
struct ServerURLParts: Hashable {
    var scheme: String
    /// Without the brackets of an IPv6 literal.
    var host: String
    var port: Int?
    /// `host[:port]` as written in the URL.
    var authority: String
    /// Path prefix (`/k8s/clusters/c-1`), or empty.
    var path: String

    init?(_ url: String) {
        guard let schemeEnd = url.firstRange(of: "://") else { return nil }
        scheme = url[..<schemeEnd.lowerBound].lowercased()
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        authority = String(rest[..<authorityEnd])
        path = String(rest[authorityEnd...])
        var hostPart = Substring(authority)
        var portText: Substring?
        if hostPart.hasPrefix("[") {
            guard let close = hostPart.firstIndex(of: "]") else { return nil }
            let afterClose = hostPart[hostPart.index(after: close)...]
            if afterClose.hasPrefix(":") {
                portText = afterClose.dropFirst()
            } else if !afterClose.isEmpty {
                return nil
            }
            hostPart = hostPart[hostPart.index(after: hostPart.startIndex)..<close]
        } else if let colon = hostPart.lastIndex(of: ":") {
            portText = hostPart[hostPart.index(after: colon)...]
            hostPart = hostPart[..<colon]
        }
        guard !hostPart.isEmpty, !hostPart.contains("@") else { return nil }
        host = String(hostPart)
        if let portText {
            guard let number = Int(portText), (1...65_535).contains(number) else { return nil }
            port = number
        }
    }

    /// A dotted IPv4 quad or anything with a colon (IPv6).
    static func isIPAddress(_ host: String) -> Bool {
        if host.contains(":") { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets.allSatisfy { UInt8($0) != nil }
    }
}
