/// A coding path built lazily: a parent chain instead of an array copied at every level,
/// so decoding only pays for the path when it reports an error.
indirect enum CodingPathNode: Sendable {
    case root
    case key(String, CodingPathNode)
    case index(Int, CodingPathNode)

    func appending(_ key: some CodingKey) -> CodingPathNode {
        .key(key.stringValue, self)
    }

    func appending(index: Int) -> CodingPathNode {
        .index(index, self)
    }

    var codingPath: [any CodingKey] {
        var keys: [any CodingKey] = []
        var node = self
        while true {
            switch node {
            case .root: return keys.reversed()
            case .key(let key, let parent):
                keys.append(PathKey(stringValue: key))
                node = parent
            case .index(let index, let parent):
                keys.append(PathKey(intValue: index))
                node = parent
            }
        }
    }
}

/// A coding key for paths and dynamic members.
struct PathKey: CodingKey, Sendable {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init(intValue: Int) {
        self.stringValue = "Index \(intValue)"
        self.intValue = intValue
    }
}

extension Array where Element == any CodingKey {
    /// The path as Kubernetes writes field paths: `spec.strategy.canary.steps[2].pause`.
    public var fieldPath: String {
        var result = ""
        for key in self {
            if let index = key.intValue {
                result += "[\(index)]"
            } else {
                if !result.isEmpty { result += "." }
                result += key.stringValue
            }
        }
        return result
    }
}
