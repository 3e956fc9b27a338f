import KubeAPI
import Testing

@Suite struct NameValidationTests {
    static let subdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
        + "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for "
        + "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
    static let labelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start "
        + "and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')"

    @Test(arguments: [
        ("web", true), ("web-1", true), ("a.b.c", true), ("1abc", true), ("a", true),
        (String(repeating: "a", count: 253), true), (String(repeating: "a", count: 254), false),
        ("", false), ("Web", false), ("-web", false), ("web-", false), ("a..b", false), (".a", false),
        ("a_b", false), ("a b", false), ("wéb", false),
    ])
    func subdomain(name: String, valid: Bool) {
        #expect(NameValidation.isDNS1123Subdomain(name) == valid)
    }

    @Test(arguments: [
        ("web", true), ("web-1", true), ("0", true), (String(repeating: "a", count: 63), true),
        (String(repeating: "a", count: 64), false), ("a.b", false), ("", false), ("A", false), ("a-", false),
    ])
    func label(name: String, valid: Bool) {
        #expect(NameValidation.isDNS1123Label(name) == valid)
    }

    /// Kubernetes' RegexError joins examples with "', " + " or ", hence the double spaces.
    @Test func messagesMatchKubernetes() {
        #expect(NameValidation.dns1123SubdomainErrors("Web") == [Self.subdomainMessage])
        #expect(NameValidation.dns1123LabelErrors("a.b") == [Self.labelMessage])
        #expect(
            NameValidation.dns1123LabelErrors(String(repeating: "a", count: 64)) == [
                "must be no more than 63 characters"
            ]
        )
        #expect(
            NameValidation.dns1123SubdomainErrors(String(repeating: "A", count: 254))
                == ["must be no more than 253 characters", Self.subdomainMessage]
        )
        #expect(NameValidation.labelKeyErrors("/a") == ["prefix part must be non-empty"])
        #expect(NameValidation.labelKeyErrors("a/") == ["name part must be non-empty"])
        #expect(NameValidation.labelKeyErrors("Bad_/a") == ["prefix part " + Self.subdomainMessage])
        #expect(
            NameValidation.labelKeyErrors("a_") == [
                "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
                    + "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation "
                    + "is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
            ]
        )
        #expect(NameValidation.labelKeyErrors("a/b/c").first?.hasPrefix("a qualified name must consist of") == true)
        #expect(
            NameValidation.labelValueErrors("-x") == [
                "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and "
                    + "must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', "
                    + "regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
            ]
        )
    }

    @Test(arguments: [
        ("app", true), ("App.Name_1", true), ("example.com/app", true), ("rollouts-pod-template-hash", true),
        ("app.kubernetes.io/name", true), (String(repeating: "a", count: 63), true),
        (String(repeating: "a", count: 64), false), ("", false), ("_app", false), ("app.", false),
        ("a/b/c", false), ("EXAMPLE.com/app", false), ("example.com/", false), ("a b", false),
    ])
    func labelKey(key: String, valid: Bool) {
        #expect(NameValidation.isLabelKey(key) == valid)
    }

    @Test(arguments: [
        ("", true), ("v1", true), ("My_Value.2-x", true), ("0", true), (String(repeating: "a", count: 63), true),
        (String(repeating: "a", count: 64), false), ("-v", false), ("v.", false), ("a/b", false), ("a b", false),
    ])
    func labelValue(value: String, valid: Bool) {
        #expect(NameValidation.isLabelValue(value) == valid)
    }
}
