import KubeAPI
import Testing

@Suite struct SelectorTests {
    /// (input, canonical form)
    static let parseCases: [(String, String)] = [
        ("", ""),
        ("   ", ""),
        ("a=b", "a=b"),
        ("a==b", "a=b"),
        ("a = b", "a=b"),
        ("a!=b", "a!=b"),
        ("a=", "a="),
        ("x in (b,a)", "x in (a,b)"),
        ("x in (a,a)", "x in (a)"),
        ("x in(a , b )", "x in (a,b)"),
        ("x notin (z)", "x notin (z)"),
        ("x in (a,,b)", "x in (,a,b)"),
        ("x in (,a)", "x in (,a)"),
        ("x in (a,)", "x in (,a)"),
        ("x in (in, notin)", "x in (in,notin)"),
        ("g", "g"),
        ("!h", "!h"),
        ("! h", "!h"),
        ("n>1", "n>1"),
        ("n < 10", "n<10"),
        ("example.com/app=web", "example.com/app=web"),
        ("c=3,b in (y,x),a", "a,b in (x,y),c=3"),
        ("a=b,c!=d,e in (x,y),f notin (z),g,!h", "a=b,c!=d,e in (x,y),f notin (z),g,!h"),
        ("\ta=b ,\n c=d", "a=b,c=d"),
    ]

    @Test(arguments: parseCases)
    func parsesAndRendersCanonically(input: String, canonical: String) throws {
        let selector = try Selector(parsing: input)
        #expect(selector.description == canonical)
        // The canonical form parses back to the same selector.
        #expect(try Selector(parsing: canonical) == selector)
        #expect(selector.isEverything == canonical.isEmpty)
    }

    /// (input, offending text, phrase in the message)
    static let errorCases: [(String, String, String)] = [
        ("a=b,", "end of string", "expected: identifier after ','"),
        (",a", ",", "expected: ! or identifier"),
        ("a=b,,c", ",", "expected: identifier after ','"),
        ("a b", "b", "expected: in, notin, =, ==, !=, gt, lt"),
        ("a=b c=d", "c", "expected: ',' or 'end of string'"),
        ("a in b", "b", "expected: '('"),
        ("a in (b", "end of string", "expected: ',', ')' or identifier"),
        ("a in ()", "a", "values set can't be empty"),
        ("a in (b c)", "c", "expected: ',', ')' or identifier"),
        ("a=(b)", "(", "expected: identifier as the value of 'a'"),
        ("!", "end of string", "expected: identifier after '!'"),
        ("!a=b", "=", "expected: ',' or 'end of string'"),
        ("n>x", "x", "the value must be an integer"),
        ("n>", "", "the value must be an integer"),
        ("-a=b", "-a", "invalid label key \"-a\""),
        ("a=b_", "b_", "invalid label value \"b_\""),
        ("a/b/c=d", "a/b/c", "invalid label key"),
        ("Example.com/a=b", "Example.com/a", "prefix part a lowercase RFC 1123 subdomain"),
    ]

    @Test(arguments: errorCases)
    func rejectsBadInput(input: String, offending: String, phrase: String) {
        do {
            let selector = try Selector(parsing: input)
            Issue.record("parsed \(input) as \(selector)")
        } catch {
            #expect(error.text == offending)
            #expect(error.selector == input)
            #expect(error.description.hasPrefix("invalid label selector \"\(input)\": "))
            #expect(error.description.contains(phrase), "\(error.description)")
        }
    }

    /// (selector, labels, matches)
    static let matchCases: [(String, [String: String], Bool)] = [
        ("", [:], true),
        ("", ["a": "b"], true),
        ("a=b", ["a": "b"], true),
        ("a=b", ["a": "c"], false),
        ("a=b", [:], false),
        ("a=", ["a": ""], true),
        ("a!=b", ["a": "c"], true),
        ("a!=b", [:], true),
        ("a!=b", ["a": "b"], false),
        ("x in (a,b)", ["x": "b"], true),
        ("x in (a,b)", ["x": "c"], false),
        ("x in (a,b)", [:], false),
        ("x notin (a,b)", ["x": "c"], true),
        ("x notin (a,b)", [:], true),
        ("x notin (a,b)", ["x": "a"], false),
        ("g", ["g": ""], true),
        ("g", ["h": "1"], false),
        ("!h", ["g": "1"], true),
        ("!h", ["h": "1"], false),
        ("n>1", ["n": "2"], true),
        ("n>1", ["n": "1"], false),
        ("n>1", ["n": "two"], false),
        ("n>1", [:], false),
        ("n<10", ["n": "-3"], true),
        ("n<10", ["n": "10"], false),
        ("a=b,!h,x in (1,2)", ["a": "b", "x": "2"], true),
        ("a=b,!h,x in (1,2)", ["a": "b", "x": "2", "h": ""], false),
    ]

    @Test(arguments: matchCases)
    func matchesLabels(selector: String, labels: [String: String], expected: Bool) throws {
        #expect(try Selector(parsing: selector).matches(labels) == expected)
    }

    @Test func convertsTheAPIForm() throws {
        let api = LabelSelector(
            matchLabels: ["app": "web", "tier": "front"],
            matchExpressions: [
                LabelSelectorRequirement(key: "env", operator: "In", values: ["prod", "canary"]),
                LabelSelectorRequirement(key: "zone", operator: "NotIn", values: ["b"]),
                LabelSelectorRequirement(key: "owner", operator: "Exists"),
                LabelSelectorRequirement(key: "legacy", operator: "DoesNotExist"),
            ]
        )
        let selector = try Selector(api)
        #expect(selector.description == "app=web,env in (canary,prod),!legacy,owner,tier=front,zone notin (b)")
        #expect(try Selector(parsing: selector.description) == selector)
        let labels = ["app": "web", "tier": "front", "env": "prod", "owner": "x"]
        #expect(selector.matches(labels))
        #expect(api.matches(labels))
        #expect(!api.matches(labels.merging(["zone": "b"]) { $1 }))
        #expect(try Selector(LabelSelector()).isEverything)
        #expect(try Selector(LabelSelector()) == Selector.everything)
        #expect(LabelSelector().matches(["any": "thing"]))
        #expect(try Selector(matchLabels: ["b": "2", "a": "1"]).description == "a=1,b=2")
    }

    /// (requirement, phrase in the error)
    static let apiErrorCases: [(LabelSelectorRequirement, String)] = [
        (LabelSelectorRequirement(key: "a", operator: "In"), "values set can't be empty"),
        (LabelSelectorRequirement(key: "a", operator: "NotIn", values: []), "values set can't be empty"),
        (LabelSelectorRequirement(key: "a", operator: "Exists", values: ["x"]), "values set must be empty"),
        (LabelSelectorRequirement(key: "a", operator: "DoesNotExist", values: ["x"]), "values set must be empty"),
        (LabelSelectorRequirement(key: "a", operator: "Equals", values: ["x"]), "\"Equals\" is not a valid"),
        (LabelSelectorRequirement(key: "a", operator: "in", values: ["x"]), "\"in\" is not a valid"),
        (LabelSelectorRequirement(key: "a b", operator: "Exists"), "invalid label key \"a b\""),
    ]

    @Test(arguments: apiErrorCases)
    func rejectsInvalidAPIForm(requirement: LabelSelectorRequirement, phrase: String) {
        let api = LabelSelector(matchExpressions: [requirement])
        #expect(throws: SelectorParseError.self) { try Selector(api) }
        do {
            _ = try Selector(api)
        } catch {
            #expect(error.description.contains(phrase), "\(error.description)")
        }
        // An invalid API selector matches nothing.
        #expect(!api.matches([requirement.key: requirement.values?.first ?? ""]))
        #expect(!api.matches([:]))
    }

    @Test func equalSelectorsHashEqually() throws {
        let a = try Selector(parsing: "b in (y,x),a=1")
        let b = try Selector(parsing: "a==1 , b in (x,y,x)")
        #expect(a == b)
        #expect(Set([a, b]).count == 1)
        #expect(a != (try Selector(parsing: "a=1")))
    }
}
