import ArgumentParser
import Foundation
import KubeAPI
import KubeClient
import UnixSignals

/// `vane get rollout NAME [-w] [-o json|yaml]`: the header and tree of the incumbent's
/// `get rollout`; `-w` follows changes through watches until Ctrl-C.
struct GetRolloutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollout",
        abstract: "Show a rollout with its revisions, ReplicaSets, Pods and AnalysisRuns.",
        discussion: """
            On a terminal, statuses carry coloured icons and --watch redraws in place; otherwise the output is \
            plain text and --watch prints the whole view again each time it changes. Ctrl-C ends --watch.
            Examples:
              vane get rollout rollouts-demo
              vane get rollout rollouts-demo --watch
              vane get rollout rollouts-demo -o yaml
            """,
        aliases: ["rollouts", "ro"]
    )
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Rollout name.") var name: String
    @Flag(name: [.short, .long], help: "Follow changes until interrupted (Ctrl-C).") var watch = false
    @Option(name: [.short, .customLong("output")], help: "Print the Rollout object instead: json or yaml.") var output:
        ObjectFormat?

    func validate() throws {
        if watch && output != nil { throw ValidationError("--watch and --output cannot be used together") }
    }

    func run() async throws {
        let configuration = try options.clientConfiguration()
        let namespace = configuration.namespace
        let style = OutputStyle.standardOutput
        try await withCommandClient(configuration) { client in
            if let output {
                Console.write(try output.render(try await client.rolloutDocument(named: name, in: namespace)))
                return
            }
            let objects = try await RolloutObjects.fetch(name: name, namespace: namespace, client: client)
            guard watch else {
                Console.write(objects.render(now: Date(), style: style))
                return
            }
            let selector = RolloutObjects.selector(of: objects.rollout)
            let watch = RolloutWatch(client: client, name: name, namespace: namespace, selector: selector)
            try await Self.untilInterrupted {
                var screen = ViewRedrawer(style: style)
                func show(_ objects: RolloutObjects) {
                    if let frame = screen.frame(for: objects.render(now: Date(), style: style)) { Console.write(frame) }
                }
                show(objects)
                try await watch.run { objects in
                    show(objects)
                    return true
                }
            }
        }
    }

    /// Runs `body` until it ends or SIGINT arrives; an interrupt is a normal end (exit 0).
    static func untilInterrupted(_ body: @escaping @Sendable () async throws -> Void) async throws {
        let interrupts = await UnixSignalsSequence(trapping: .sigint)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await body() }
            group.addTask {
                for await _ in interrupts { return }
            }
            try await group.next()
            group.cancelAll()
        }
    }
}
