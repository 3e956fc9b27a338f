import FoundationEssentials
import KubeAPI

/// The `Authorization: Basic …` header of a provider's `authentication.basicAuth`.
enum BasicAuthentication {
    static func header(_ authentication: MetricAuthentication?) throws(AnalysisSpecError) -> String? {
        guard let basic = authentication?.basicAuth else { return nil }
        let username = basic.username ?? ""
        let password = basic.password ?? ""
        if username.isEmpty && password.isEmpty { return nil }
        if username.isEmpty {
            throw AnalysisSpecError("missing mandatory parameter in metric for basic auth setup: username")
        }
        if password.isEmpty {
            throw AnalysisSpecError("missing mandatory parameter in metric for basic auth setup: password")
        }
        return "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
    }
}
