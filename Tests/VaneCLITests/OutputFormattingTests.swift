import Foundation
import KubeAPI
import Testing

@testable import VaneCLI

/// The small formatters behind the CLI's output.
struct OutputFormattingTests {
    @Test(
        "ages as kubectl prints them",
        arguments: [
            (-5.0, "<invalid>"), (-1, "0s"), (0, "0s"), (119, "119s"), (120, "2m"), (200, "3m20s"), (600, "10m"),
            (10_799, "179m"),
            (10_800, "3h"), (14_700, "4h5m"), (28_800, "8h"), (172_800, "2d"), (190_800, "2d5h"), (691_200, "8d"),
            (63_072_000, "2y"),
            (64_000_000, "2y10d"), (300_000_000, "9y"),
        ]
    )
    func humanDuration(_ seconds: Double, _ expected: String) {
        #expect(HumanDuration.format(seconds: seconds) == expected)
    }

    @Test("tables pad to the widest cell plus two spaces, ignore colour escapes and never end a line in spaces")
    func textTable() {
        var table = TextTable(header: ["A", "BB", "C"])
        table.append([ANSI.paint("xxxx", .green), "", ""])
        table.append(["y", "z", "last"])
        #expect(table.render() == ["A     BB  C", "\u{1B}[32mxxxx\u{1B}[0m", "y     z   last"])
    }

    @Test("list rollouts rows: strategy, phase, step, set weight and replica counts")
    func listRow() {
        var rollout = RolloutTreeTests.rollout
        #expect(RolloutListTable.row(rollout) == ["shop", "Canary", "Paused", "1/4", "20", "3/4", "3", "1", "3"])
        rollout.spec.strategy = RolloutStrategy(blueGreen: BlueGreenStrategy(activeService: "active"))
        #expect(RolloutListTable.row(rollout)[1...4] == ["BlueGreen", "Paused", "-", "-"])
    }

    @Test("YAML keeps strings that would read back as another type quoted, and round-trips")
    func yaml() throws {
        let object: JSONValue = [
            "name": "demo", "count": 3, "ratio": 0.5, "on": true,
            "quoted": ["123", "true", "yes", "", "null", "~", "a: b", "plain text"],
            "empty": [:], "none": [], "missing": nil,
        ]
        let text = try ObjectFormat.yaml.render(object)
        #expect(text.contains("name: demo\n"))
        #expect(text.contains("count: 3\n"))
        #expect(text.contains("- '123'\n"))
        #expect(text.contains("- 'true'\n"))
        #expect(text.contains("- plain text\n"))
        #expect(try YAMLDocuments.parseSingle(text) == object)
        #expect(try JSONParser.parse(Array(ObjectFormat.json.render(object).utf8)) == object)
    }

    @Test("redraws: a terminal clears and redraws every change; plain output repeats a view only when it changed")
    func redrawer() {
        var terminal = ViewRedrawer(style: .terminal)
        #expect(terminal.frame(for: "one\n") == ANSI.clearScreen + "one\n")
        #expect(terminal.frame(for: "one\n") == nil)
        #expect(terminal.frame(for: "two\n") == ANSI.clearScreen + "two\n")
        var plain = ViewRedrawer(style: .plain)
        #expect(plain.frame(for: "one\n") == "one\n")
        #expect(plain.frame(for: "one\n") == nil)
        #expect(plain.frame(for: "two\n") == "\ntwo\n")
    }
}
