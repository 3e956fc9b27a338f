import ArgumentParser
import Foundation
import KubeAPI
import RolloutController

/// `vane lint -f FILE`: validates Rollout manifests offline with the controller's own validation
/// (one implementation, so the linter and the `InvalidSpec` condition never disagree).
struct LintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Validate Rollout manifests offline; exit 1 if any problem is found.",
        discussion: "Example:\n  vane lint -f rollout.yaml"
    )

    @Option(name: [.short, .customLong("filename")], help: "Manifest file (YAML or JSON, several documents allowed).")
    var file: String

    func run() async throws {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw CLIFailure("cannot read \(file): \(error.localizedDescription)")
        }
        let documents: [JSONValue]
        do {
            documents = try YAMLDocuments.parse(text)
        } catch {
            throw CLIFailure("\(file): \(error)")
        }
        var problems: [String] = []
        var rollouts = 0
        for (index, document) in documents.enumerated() where document["kind"]?.stringValue == "Rollout" {
            rollouts += 1
            let name = document[path: "metadata", "name"]?.stringValue ?? "document \(index + 1)"
            do {
                let rollout = try KubeJSON.decode(Rollout.self, from: document)
                problems += RolloutValidation.problems(in: rollout).map { "\(file): rollout \(name): \($0)" }
            } catch {
                problems.append("\(file): rollout \(name): \(KubeJSON.describe(error))")
            }
        }
        guard rollouts > 0 else { throw CLIFailure("\(file): no Rollout found") }
        if problems.isEmpty {
            Console.line("\(file): \(rollouts) rollout\(rollouts == 1 ? "" : "s") valid")
            return
        }
        for problem in problems { Console.line(problem) }
        throw ExitCode.failure
    }
}
