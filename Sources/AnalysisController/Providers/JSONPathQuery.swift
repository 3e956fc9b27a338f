public import KubeAPI

/// The JSON paths of web metrics, in kubectl's template form: `{$.data.ok}`, `{.items[0].value}`,
/// `{$['key with spaces']}`, `{$.items[*].value}`, `{$..value}`, `{$}`. The first value found is
/// the result, as in the incumbent.
public struct JSONPathQuery: Sendable, Hashable {
    enum Step: Sendable, Hashable {
        case member(String)
        case index(Int)
        case wildcard
        case descendants(String)
    }

    public let source: String
    let steps: [Step]

    public init(_ source: String) throws(AnalysisSpecError) {
        self.source = source
        var text = Substring(source.trimmingWhitespace())
        if text.isEmpty { text = "{$}" }
        guard text.first == "{", text.last == "}" else {
            throw AnalysisSpecError("unsupported JSONPath \(source): expected {…}")
        }
        text = text.dropFirst().dropLast()
        if text.first == "$" { text = text.dropFirst() }
        var steps: [Step] = []
        while let first = text.first {
            if text.hasPrefix("..") {
                text = text.dropFirst(2)
                let name = text.prefix { $0 != "." && $0 != "[" }
                guard !name.isEmpty else {
                    throw AnalysisSpecError("unsupported JSONPath \(source): empty name after ..")
                }
                steps.append(.descendants(String(name)))
                text = text.dropFirst(name.count)
            } else if first == "." {
                text = text.dropFirst()
                let name = text.prefix { $0 != "." && $0 != "[" }
                guard !name.isEmpty else { throw AnalysisSpecError("unsupported JSONPath \(source): empty name") }
                steps.append(name == "*" ? .wildcard : .member(String(name)))
                text = text.dropFirst(name.count)
            } else if first == "[" {
                guard let close = text.firstIndex(of: "]") else {
                    throw AnalysisSpecError("unsupported JSONPath \(source): unclosed [")
                }
                let inside = text[text.index(after: text.startIndex)..<close].trimmingWhitespace()
                text = text[text.index(after: close)...]
                if inside == "*" {
                    steps.append(.wildcard)
                } else if let index = Int(inside) {
                    steps.append(.index(index))
                } else if inside.count >= 2, let quote = inside.first, quote == "'" || quote == "\"",
                    inside.last == quote
                {
                    steps.append(.member(String(inside.dropFirst().dropLast())))
                } else {
                    throw AnalysisSpecError("unsupported JSONPath \(source): [\(inside)]")
                }
            } else {
                throw AnalysisSpecError("unsupported JSONPath \(source) at \"\(text)\"")
            }
        }
        self.steps = steps
    }

    /// The first value the path finds in `document`; an error saying which step found nothing.
    public func firstValue(in document: JSONValue) throws(AnalysisSpecError) -> JSONValue {
        var current = [document]
        for step in steps {
            var next: [JSONValue] = []
            for value in current {
                switch step {
                case .member(let name):
                    if let member = value[name] { next.append(member) }
                case .index(let index):
                    if let elements = value.arrayValue {
                        let resolved = index < 0 ? elements.count + index : index
                        if elements.indices.contains(resolved) { next.append(elements[resolved]) }
                    }
                case .wildcard:
                    if let elements = value.arrayValue { next += elements }
                    if let object = value.objectValue { next += object.map(\.value) }
                case .descendants(let name):
                    Self.collect(name, in: value, into: &next)
                }
            }
            if next.isEmpty {
                throw AnalysisSpecError("\(Self.describe(step)) is not found")
            }
            current = next
        }
        guard let first = current.first else { throw AnalysisSpecError("result of web metric produced no value") }
        return first
    }

    private static func collect(_ name: String, in value: JSONValue, into found: inout [JSONValue]) {
        switch value {
        case .object(let object):
            if let member = object[name] { found.append(member) }
            for field in object { collect(name, in: field.value, into: &found) }
        case .array(let elements):
            for element in elements { collect(name, in: element, into: &found) }
        default: break
        }
    }

    private static func describe(_ step: Step) -> String {
        switch step {
        case .member(let name), .descendants(let name): name
        case .index(let index): "array index \(index)"
        case .wildcard: "*"
        }
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
