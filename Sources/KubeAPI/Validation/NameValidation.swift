/// Checks for object names, label keys and label values, with the same rules and the same error
/// messages as Kubernetes' `k8s.io/apimachinery/pkg/util/validation`.
///
/// The embedded API server rejects bad objects with these messages, the rollout validator reports
/// them, and ``Selector`` uses them so that a selector the real API server would refuse is refused here
/// too. Every check returns the list of problems; an empty list means the value is valid.
public enum NameValidation {
    /// Longest DNS-1123 label (a namespace or a Service name).
    public static let dns1123LabelMaxLength = 63
    /// Longest DNS-1123 subdomain (most object names).
    public static let dns1123SubdomainMaxLength = 253
    /// Longest name part of a qualified name (a label key without its prefix).
    public static let qualifiedNameMaxLength = 63
    /// Longest label value.
    public static let labelValueMaxLength = 63

    static let dns1123LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
    static let dns1123SubdomainFormat = dns1123LabelFormat + "(\\." + dns1123LabelFormat + ")*"
    static let qualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
    static let labelValueFormat = "(" + qualifiedNameFormat + ")?"

    /// A lowercase RFC 1123 label: at most 63 characters of `[a-z0-9-]`, alphanumeric at both ends.
    public static func dns1123LabelErrors(_ value: String) -> [String] {
        var errors: [String] = []
        if value.utf8.count > dns1123LabelMaxLength {
            errors.append(maxLengthError(dns1123LabelMaxLength))
        }
        if !isLabelShaped(value.utf8) {
            errors.append(
                regexError(
                    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
                        + "and must start and end with an alphanumeric character",
                    format: dns1123LabelFormat,
                    examples: ["my-name", "123-abc"]
                )
            )
        }
        return errors
    }

    /// A lowercase RFC 1123 subdomain: at most 253 characters, dot-separated DNS-1123 labels.
    public static func dns1123SubdomainErrors(_ value: String) -> [String] {
        var errors: [String] = []
        if value.utf8.count > dns1123SubdomainMaxLength {
            errors.append(maxLengthError(dns1123SubdomainMaxLength))
        }
        let labels = value.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        if !labels.allSatisfy({ isLabelShaped($0) }) {
            errors.append(
                regexError(
                    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
                        + "and must start and end with an alphanumeric character",
                    format: dns1123SubdomainFormat,
                    examples: ["example.com"]
                )
            )
        }
        return errors
    }

    /// A qualified name such as a label or annotation key: an optional DNS subdomain prefix and `/`,
    /// then a name of at most 63 characters of `[-A-Za-z0-9_.]`, alphanumeric at both ends.
    public static func qualifiedNameErrors(_ value: String) -> [String] {
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        let name: Substring
        var errors: [String] = []
        switch parts.count {
        case 1:
            name = parts[0]
        case 2:
            let prefix = parts[0]
            name = parts[1]
            if prefix.isEmpty {
                errors.append("prefix part must be non-empty")
            } else {
                errors += dns1123SubdomainErrors(String(prefix)).map { "prefix part " + $0 }
            }
        default:
            return [
                "a qualified name "
                    + regexError(
                        qualifiedNameMessage,
                        format: qualifiedNameFormat,
                        examples: ["MyName", "my.name", "123-abc"]
                    )
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
            ]
        }
        if name.isEmpty {
            errors.append("name part must be non-empty")
        } else {
            if name.utf8.count > qualifiedNameMaxLength {
                errors.append("name part " + maxLengthError(qualifiedNameMaxLength))
            }
            if !isQualifiedNameShaped(name.utf8) {
                errors.append(
                    "name part "
                        + regexError(
                            qualifiedNameMessage,
                            format: qualifiedNameFormat,
                            examples: ["MyName", "my.name", "123-abc"]
                        )
                )
            }
        }
        return errors
    }

    /// A label key is a qualified name.
    public static func labelKeyErrors(_ value: String) -> [String] {
        qualifiedNameErrors(value)
    }

    /// A label value: empty, or at most 63 characters of `[-A-Za-z0-9_.]`, alphanumeric at both ends.
    public static func labelValueErrors(_ value: String) -> [String] {
        var errors: [String] = []
        if value.utf8.count > labelValueMaxLength {
            errors.append(maxLengthError(labelValueMaxLength))
        }
        if !value.isEmpty && !isQualifiedNameShaped(value.utf8) {
            errors.append(
                regexError(
                    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
                        + "and must start and end with an alphanumeric character",
                    format: labelValueFormat,
                    examples: ["MyValue", "my_value", "12345"]
                )
            )
        }
        return errors
    }

    public static func isDNS1123Label(_ value: String) -> Bool { dns1123LabelErrors(value).isEmpty }
    public static func isDNS1123Subdomain(_ value: String) -> Bool { dns1123SubdomainErrors(value).isEmpty }
    public static func isQualifiedName(_ value: String) -> Bool { qualifiedNameErrors(value).isEmpty }
    public static func isLabelKey(_ value: String) -> Bool { labelKeyErrors(value).isEmpty }
    public static func isLabelValue(_ value: String) -> Bool { labelValueErrors(value).isEmpty }

    // MARK: - Shapes and messages

    private static let qualifiedNameMessage =
        "must consist of alphanumeric characters, '-', '_' or '.', "
        + "and must start and end with an alphanumeric character"

    static func maxLengthError(_ length: Int) -> String {
        "must be no more than \(length) characters"
    }

    /// Kubernetes' `RegexError`: the message, examples, then the regular expression.
    static func regexError(_ message: String, format: String, examples: [String]) -> String {
        var text = message + " (e.g. "
        for (index, example) in examples.enumerated() {
            if index > 0 { text += " or " }
            text += "'\(example)', "
        }
        return text + "regex used for validation is '\(format)')"
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLowerAlphanumeric(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    /// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`
    private static func isLabelShaped(_ bytes: some BidirectionalCollection<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        guard isLowerAlphanumeric(first), isLowerAlphanumeric(last) else { return false }
        return bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    /// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`
    private static func isQualifiedNameShaped(_ bytes: some BidirectionalCollection<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        guard isAlphanumeric(first), isAlphanumeric(last) else { return false }
        return bytes.allSatisfy {
            isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
        }
    }
}
