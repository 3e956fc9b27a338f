import FoundationEssentials
import KubeAPI

/// The start and end of a Prometheus range query, written as the incumbent's expressions:
/// `now()`, `now() - duration("5m")`, `now() + duration("1h")`, or an RFC 3339 time.
enum RangeTime {
    static func evaluate(_ expression: String, now: Date, field: String) throws(AnalysisSpecError) -> Date {
        let text = expression.filter { !$0.isWhitespace }
        if let time = KubeTime(rfc3339: text) { return time.date }
        guard text.hasPrefix("now()") else {
            throw AnalysisSpecError("failed to parse \(field) as time: unsupported expression \"\(expression)\"")
        }
        let rest = text.dropFirst("now()".count)
        if rest.isEmpty { return now }
        guard let sign = rest.first, sign == "-" || sign == "+", rest.dropFirst().hasPrefix("duration("),
            rest.hasSuffix(")")
        else { throw AnalysisSpecError("failed to parse \(field) as time: unsupported expression \"\(expression)\"") }
        var argument = rest.dropFirst().dropFirst("duration(".count).dropLast()
        if let quote = argument.first, quote == "\"" || quote == "'", argument.last == quote, argument.count >= 2 {
            argument = argument.dropFirst().dropLast()
        }
        let duration: Duration
        do {
            duration = try KubeDuration(parsing: String(argument)).duration
        } catch {
            throw AnalysisSpecError("failed to parse \(field) as time: \(error)")
        }
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return now.addingTimeInterval(sign == "-" ? -seconds : seconds)
    }
}
