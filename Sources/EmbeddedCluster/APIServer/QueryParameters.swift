/// The query string of a request, decoded as Go's `url.ParseQuery` does (`+` is a space).
struct QueryParameters {
    private var values: [String: String] = [:]

    init(_ query: String?) {
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(parts[0])
            values[key] = parts.count > 1 ? Self.decode(parts[1]) : ""
        }
    }

    subscript(_ key: String) -> String? { values[key] }

    func flag(_ key: String) -> Bool { values[key].map { $0 == "true" || $0 == "1" } ?? false }

    func integer(_ key: String) throws(APIError) -> Int? {
        guard let text = values[key], !text.isEmpty else { return nil }
        guard let value = Int(text) else { throw APIError.badRequest("invalid value for \(key): \(text)") }
        return value
    }

    private static func decode(_ text: Substring) -> String {
        String(text).replacing("+", with: " ").removingPercentEscapes()
    }
}
