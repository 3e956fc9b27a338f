import ArgumentParser
import KubeAPI
import Testing

@testable import VaneCLI

/// Parsing in process: kind words and aliases, usage errors, help text and completion scripts.
struct CommandLineTests {
    @Test(
        "get rollout accepts rollout, rollouts and ro; list rollouts accepts its aliases and -A",
        arguments: ["rollout", "rollouts", "ro"]
    )
    func kindWords(_ kind: String) throws {
        let get = try VaneCommand.parseAsRoot(["get", kind, "demo", "-w"])
        let command = try #require(get as? GetRolloutCommand)
        #expect(command.name == "demo" && command.watch)
        let list = try #require(try VaneCommand.parseAsRoot(["list", kind, "-A"]) as? ListRolloutsCommand)
        #expect(list.allNamespaces)
    }

    @Test("-o takes json or yaml, not both with --watch")
    func outputFormats() throws {
        let yaml = try #require(
            try VaneCommand.parseAsRoot(["get", "rollout", "demo", "-o", "yaml"]) as? GetRolloutCommand
        )
        #expect(yaml.output == .yaml)
        #expect(throws: (any Error).self) { try VaneCommand.parseAsRoot(["get", "rollout", "demo", "-o", "table"]) }
        #expect(throws: (any Error).self) {
            try VaneCommand.parseAsRoot(["get", "rollout", "demo", "-o", "json", "-w"])
        }
    }

    @Test(
        "duration flags take Go durations, compound ones too",
        arguments: [
            ("1h30m", Duration.seconds(5400)), ("90s", .seconds(90)), ("1.5m", .seconds(90)), ("45", .seconds(45)),
        ]
    )
    func durations(text: String, expected: Duration) throws {
        let status = try #require(
            try VaneCommand.parseAsRoot(["status", "demo", "--timeout", text, "--request-timeout", text])
                as? StatusCommand
        )
        #expect(status.timeout?.duration == expected)
        #expect(status.options.requestTimeout?.duration == expected)
        #expect(throws: (any Error).self) { try VaneCommand.parseAsRoot(["status", "demo", "--timeout", "5y"]) }
    }

    @Test("help shows duration defaults as they are written")
    func durationDefaults() {
        let controller = VaneCommand.helpMessage(for: ControllerCommand.self, columns: 400)
        for text in ["(default: 15s)", "(default: 10s)", "(default: 2s)"] {
            #expect(controller.contains(text), "\(text)")
        }
        #expect(!controller.contains("KubeDuration(") && !controller.contains("seconds)"))
        #expect(VaneCommand.helpMessage(for: DemoCommand.self, columns: 400).contains("(default: 500ms)"))
        #expect(VaneCommand.helpMessage(for: ClusterUpCommand.self, columns: 400).contains("(default: 1s)"))
    }

    @Test("set image usage errors are validation failures (exit 2)")
    func setImageValidation() {
        for arguments in [
            ["set", "image", "demo"], ["set", "image", "demo", "app"], ["set", "image", "demo", "app=x", "=y"],
        ] {
            do {
                _ = try VaneCommand.parseAsRoot(arguments)
                Issue.record("\(arguments) parsed")
            } catch {
                #expect(VaneCommand.exitCode(for: error) == .validationFailure, "\(arguments)")
            }
        }
    }

    /// Every command reachable from `vane`, with its path.
    static func allCommands(
        _ command: any ParsableCommand.Type = VaneCommand.self,
        path: [String] = []
    ) -> [([String], any ParsableCommand.Type)] {
        let name = command.configuration.commandName ?? ""
        return [(path + [name], command)]
            + command.configuration.subcommands.flatMap { allCommands($0, path: path + [name]) }
    }

    @Test("every command has an abstract and an example in its help")
    func helpHasExamples() {
        let commands = Self.allCommands()
        #expect(commands.count > 20)
        for (path, command) in commands where path.count > 1 {
            #expect(!command.configuration.abstract.isEmpty, "\(path)")
            #expect(
                command.configuration.discussion.contains("Example"),
                "\(path.joined(separator: " ")) has no example"
            )
        }
        let help = VaneCommand.helpMessage(for: SetImageCommand.self)
        #expect(help.contains("vane set image rollouts-demo rollouts-demo=argoproj/rollouts-demo:yellow"))
    }

    @Test("completion scripts name every operator command", arguments: [CompletionCommand.Shell.bash, .zsh])
    func completion(_ shell: CompletionCommand.Shell) {
        let script = VaneCommand.completionScript(for: shell.completionShell)
        for word in ["get", "list", "set", "undo", "promote", "completion"] {
            #expect(script.contains(word), "\(shell) completion lacks \(word)")
        }
    }
}
