/// The phase of an AnalysisRun, of one of its metrics, or of one measurement (`AnalysisPhase`).
///
/// A string wrapper rather than an enum so a phase written by a newer controller still decodes.
public struct AnalysisPhase: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public static let pending = AnalysisPhase(rawValue: "Pending")
    public static let running = AnalysisPhase(rawValue: "Running")
    public static let successful = AnalysisPhase(rawValue: "Successful")
    public static let failed = AnalysisPhase(rawValue: "Failed")
    public static let error = AnalysisPhase(rawValue: "Error")
    public static let inconclusive = AnalysisPhase(rawValue: "Inconclusive")

    /// Successful, Failed, Error and Inconclusive are final.
    public var isCompleted: Bool {
        self == .successful || self == .failed || self == .error || self == .inconclusive
    }

    /// Rank from best to worst, as the incumbent orders them: Successful, Running, Pending,
    /// Inconclusive, Error, Failed (unknown phases rank as Successful).
    public var severity: Int {
        switch self {
        case .running: 1
        case .pending: 2
        case .inconclusive: 3
        case .error: 4
        case .failed: 5
        default: 0
        }
    }

    /// True when `other` is a worse outcome than `self`.
    public func isWorse(_ other: AnalysisPhase) -> Bool { other.severity > severity }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
