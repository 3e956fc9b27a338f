/// Kubernetes' name and label syntax rules, with the API server's own error wording.
///
/// The embedded API server rejects bad names with these messages and the rollout validator reuses them,
/// so a user sees the same sentence from `vane lint`, from Vane and from a real cluster.
public enum NameValidation {
    public static let dns1123LabelMaxLength = 63
    public static let dns1123SubdomainMaxLength = 253
    public static let labelValueMaxLength = 63
    public static let qualifiedNameMaxLength = 63

    static let dns1123SubdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
    static let dns1123LabelMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
    static let qualifiedNameMessage = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
    static let labelValueMessage = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"

    /// Problems with `name` as a DNS-1123 subdomain (most object names); empty when valid.
    public static func dns1123SubdomainProblems(_ name: String) -> [String] {
        var problems: [String] = []
        if name.utf8.count > dns1123SubdomainMaxLength {
            problems.append("must be no more than \(dns1123SubdomainMaxLength) characters")
        }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        if name.isEmpty || !labels.allSatisfy({ isLabelShaped($0.utf8) }) {
            problems.append(dns1123SubdomainMessage)
        }
        return problems
    }

    /// Problems with `name` as a DNS-1123 label (namespaces, services); empty when valid.
    public static func dns1123LabelProblems(_ name: String) -> [String] {
        var problems: [String] = []
        if name.utf8.count > dns1123LabelMaxLength {
            problems.append("must be no more than \(dns1123LabelMaxLength) characters")
        }
        if !isLabelShaped(name.utf8) { problems.append(dns1123LabelMessage) }
        return problems
    }

    public static func isDNS1123Subdomain(_ name: String) -> Bool { dns1123SubdomainProblems(name).isEmpty }
    public static func isDNS1123Label(_ name: String) -> Bool { dns1123LabelProblems(name).isEmpty }

    /// Problems with a label or annotation key (`[prefix/]name`); empty when valid.
    public static func qualifiedNameProblems(_ key: String) -> [String] {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        var problems: [String] = []
        let name: Substring
        switch parts.count {
        case 1: name = parts[0]
        case 2:
            if parts[0].isEmpty {
                problems.append("prefix part must be non-empty")
            } else {
                problems += dns1123SubdomainProblems(String(parts[0])).map { "prefix part \($0)" }
            }
            name = parts[1]
        default:
            return ["a qualified name " + qualifiedNameMessage + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]
        }
        if name.isEmpty {
            problems.append("name part must be non-empty")
        } else {
            if name.utf8.count > qualifiedNameMaxLength {
                problems.append("name part must be no more than \(qualifiedNameMaxLength) characters")
            }
            if !isQualifiedShaped(name.utf8) { problems.append(qualifiedNameMessage) }
        }
        return problems
    }

    /// Problems with a label value; empty when valid (the empty string is a valid value).
    public static func labelValueProblems(_ value: String) -> [String] {
        var problems: [String] = []
        if value.utf8.count > labelValueMaxLength {
            problems.append("must be no more than \(labelValueMaxLength) characters")
        }
        if !value.isEmpty && !isQualifiedShaped(value.utf8) { problems.append(labelValueMessage) }
        return problems
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLowerAlphanumeric(byte) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    /// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`
    private static func isLabelShaped(_ bytes: some BidirectionalCollection<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        return isLowerAlphanumeric(first) && isLowerAlphanumeric(last)
            && bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    /// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`
    private static func isQualifiedShaped(_ bytes: some BidirectionalCollection<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        return isAlphanumeric(first) && isAlphanumeric(last)
            && bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }
}
