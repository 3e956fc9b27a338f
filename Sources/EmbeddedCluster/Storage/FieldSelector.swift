import KubeAPI

/// The field selectors every kind supports: `metadata.name` and `metadata.namespace`, with `=`, `==`, `!=`.
public struct FieldSelector: Hashable, Sendable {
    public struct Requirement: Hashable, Sendable {
        public var field: String
        public var value: String
        public var negated: Bool
    }

    public var requirements: [Requirement]

    public static let everything = FieldSelector(requirements: [])

    public init(requirements: [Requirement]) {
        self.requirements = requirements
    }

    public init(parsing text: String) throws(APIError) {
        var requirements: [Requirement] = []
        for part in text.split(separator: ",") {
            let term = part.trimmingSpaces()
            if term.isEmpty { continue }
            let negated: Bool
            let pieces: [Substring]
            if let range = term.firstRange(of: "!=") {
                negated = true
                pieces = [term[..<range.lowerBound], term[range.upperBound...]]
            } else if let range = term.firstRange(of: "==") {
                negated = false
                pieces = [term[..<range.lowerBound], term[range.upperBound...]]
            } else if let index = term.firstIndex(of: "=") {
                negated = false
                pieces = [term[..<index], term[term.index(after: index)...]]
            } else {
                throw APIError.badRequest("invalid field selector: \"\(term)\": expected an operator")
            }
            let field = String(pieces[0]).trimmingSpaces()
            guard field == "metadata.name" || field == "metadata.namespace" else {
                throw APIError.badRequest("field label not supported: \(field)")
            }
            requirements.append(Requirement(field: field, value: String(pieces[1]).trimmingSpaces(), negated: negated))
        }
        self.requirements = requirements
    }

    func matches(_ id: ObjectID) -> Bool {
        requirements.allSatisfy { requirement in
            let actual = requirement.field == "metadata.name" ? id.name : id.namespace
            return (actual == requirement.value) != requirement.negated
        }
    }

    /// The single name this selector pins, as `kubectl get NAME -w` and `kubectl wait` send it.
    var pinnedName: String? {
        requirements.first { $0.field == "metadata.name" && !$0.negated }?.value
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
