import ArgumentParser
import Foundation
import KubeAPI
import KubeClient

/// The object changes of spec/rollout.md "Operator actions", written as patches (status changes
/// through the status subresource), never as a read-modify-write of the whole object — so they work
/// on rollouts managed by the incumbent controller too.
enum RolloutAction {
    case promote(full: Bool)
    case abort
    case retry
    case pause
    case resume
    case restart(Date)

    /// Applies the action to rollout `name` and returns the line to print.
    func apply(to name: String, options: GlobalOptions) async throws -> String {
        let configuration = try options.clientConfiguration()
        let namespace = configuration.namespace
        return try await Self.withClient(configuration) { client in
            let rollout = try await client.rollout(named: name, in: namespace)
            func status(_ patch: JSONValue) async throws {
                _ = try await client.patch(
                    Rollout.resource,
                    name: name,
                    namespace: namespace,
                    patch: ["status": patch],
                    type: .merge,
                    subresource: .status
                )
            }
            func spec(_ patch: JSONValue) async throws {
                _ = try await client.patch(
                    Rollout.resource,
                    name: name,
                    namespace: namespace,
                    patch: ["spec": patch],
                    type: .merge
                )
            }
            switch self {
            case .promote(full: true):
                try await status(["promoteFull": true])
                return "rollout '\(name)' fully promoted"
            case .promote(full: false):
                let paused = rollout.spec.paused == true || !(rollout.status?.pauseConditions ?? []).isEmpty
                if paused {
                    if rollout.spec.paused == true { try await spec(["paused": false]) }
                    try await status(["pauseConditions": .null])
                    return "rollout '\(name)' promoted"
                }
                let index = Int(rollout.status?.currentStepIndex ?? 0)
                try await status(["currentStepIndex": .number(JSONNumber(index + 1))])
                return "rollout '\(name)' promoted: skipped step \(index + 1)"
            case .abort:
                try await status(["abort": true])
                return "rollout '\(name)' aborted"
            case .retry:
                try await status(["abort": false, "abortedAt": .null])
                return "rollout '\(name)' retried"
            case .pause:
                try await spec(["paused": true])
                return "rollout '\(name)' paused"
            case .resume:
                try await spec(["paused": false])
                return "rollout '\(name)' resumed"
            case .restart(let time):
                try await spec(["restartAt": .string(KubeTime(time).description)])
                return "rollout '\(name)' restarts at \(KubeTime(time))"
            }
        }
    }

    /// Runs `body` with a client, turning client errors into one readable line.
    static func withClient<T: Sendable>(
        _ configuration: ClientConfiguration,
        _ body: (KubeClient) async throws -> T
    ) async throws -> T {
        do {
            return try await withKubeClient(configuration, body)
        } catch let error as KubeError {
            throw CLIFailure(error.description)
        }
    }
}

struct PromoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promote",
        abstract: "Promote a paused rollout, or skip its current step.",
        discussion: "Examples:\n  vane promote rollouts-demo\n  vane promote rollouts-demo --full"
    )
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Rollout name.") var name: String
    @Flag(help: "Skip all remaining steps and analysis.") var full = false

    func run() async throws {
        Console.line(try await RolloutAction.promote(full: full).apply(to: name, options: options))
    }
}

struct AbortCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "abort",
        abstract: "Abort a rollout: scale the canary away and go back to stable.",
        discussion: "Example:\n  vane abort rollouts-demo"
    )
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Rollout name.") var name: String

    func run() async throws { Console.line(try await RolloutAction.abort.apply(to: name, options: options)) }
}

struct RetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Retry an aborted rollout from its first step.",
        discussion: "Example:\n  vane retry rollout rollouts-demo"
    )
    @OptionGroup var options: GlobalOptions
    @Argument(help: "The word 'rollout'.") var kind: String
    @Argument(help: "Rollout name.") var name: String

    func validate() throws {
        guard ["rollout", "rollouts", "ro"].contains(kind) else {
            throw ValidationError("usage: vane retry rollout NAME")
        }
    }

    func run() async throws { Console.line(try await RolloutAction.retry.apply(to: name, options: options)) }
}

struct PauseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pause",
        abstract: "Pause a rollout (spec.paused: true).",
        discussion: "Example:\n  vane pause rollouts-demo"
    )
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Rollout name.") var name: String

    func run() async throws { Console.line(try await RolloutAction.pause.apply(to: name, options: options)) }
}

struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Resume a paused rollout (spec.paused: false).",
        discussion: "Example:\n  vane resume rollouts-demo"
    )
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Rollout name.") var name: String

    func run() async throws { Console.line(try await RolloutAction.resume.apply(to: name, options: options)) }
}

struct RestartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restart",
        abstract: "Restart a rollout's pods (spec.restartAt: now).",
        discussion: "Example:\n  vane restart rollouts-demo"
    )
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Rollout name.") var name: String

    func run() async throws { Console.line(try await RolloutAction.restart(Date()).apply(to: name, options: options)) }
}
