public import Foundation
import KubeClient
import Synchronization

/// Drives the real `kubectl` binary (an independent Kubernetes client) against a kubeconfig, so tests
/// prove the embedded API server is faithful to what real clients expect.
public struct Kubectl: Sendable {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    public let executable: String
    public let kubeconfig: String

    /// Finds kubectl on the PATH (or `$KUBECTL`); nil when it is not installed.
    public init?(kubeconfig: String) {
        let environment = ProcessInfo.processInfo.environment
        let candidates =
            [environment["KUBECTL"]].compactMap { $0 }
            + (environment["PATH"] ?? "/usr/bin").split(separator: ":").map { "\($0)/kubectl" }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            return nil
        }
        self.executable = found
        self.kubeconfig = kubeconfig
    }

    /// kubectl's client minor version (20 for 1.20), to adapt to flags older versions lack.
    public func minorVersion() async throws -> Int {
        let output = try await run(["version", "--client", "-o", "json"]).stdout
        let digits =
            output.split(separator: "\"minor\"").dropFirst().first?.drop { !$0.isNumber }.prefix { $0.isNumber } ?? ""
        return Int(digits) ?? 0
    }

    /// Runs kubectl to completion and returns its exit status and output.
    public func run(_ arguments: [String], stdin: String? = nil) async throws -> Result {
        let process = makeProcess(arguments)
        let output = Pipe()
        let errors = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        let collectedOut = PipeCollector(output.fileHandleForReading)
        let collectedErr = PipeCollector(errors.fileHandleForReading)
        let status = try await withCheckedThrowingContinuation {
            (continuation: CheckedContinuation<Int32, any Error>) in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
            try? input.fileHandleForWriting.close()
        }
        return Result(
            status: status,
            stdout: String(decoding: collectedOut.finish(), as: UTF8.self),
            stderr: String(decoding: collectedErr.finish(), as: UTF8.self)
        )
    }

    /// Starts a long-running kubectl (such as `get -w`) and returns it with its output lines.
    public func start(_ arguments: [String]) throws -> (process: Process, lines: AsyncStream<String>) {
        let process = makeProcess(arguments)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let lines = OutputLines.stream(from: output.fileHandleForReading)
        try process.run()
        return (process, lines)
    }

    /// Waits for a process started with `start(_:)` to exit and returns its status.
    /// A task cancelled while waiting (a test past its time limit) terminates the process, so the
    /// wait ends instead of outliving the test.
    public static func exitStatus(of process: Process) async -> Int32 {
        await withTaskCancellationHandler {
            await waitForExit(of: process)
        } onCancel: {
            if process.isRunning { process.terminate() }
        }
    }

    private static func waitForExit(of process: Process) async -> Int32 {
        let resumed = Mutex(false)
        return await withCheckedContinuation { continuation in
            let resumeOnce: @Sendable (Int32) -> Void = { status in
                let first = resumed.withLock { done in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(returning: status) }
            }
            process.terminationHandler = { resumeOnce($0.terminationStatus) }
            if !process.isRunning { resumeOnce(process.terminationStatus) }
        }
    }

    private func makeProcess(_ arguments: [String]) -> Process {
        let process = Process()
        process.executableURL = URL(filePath: executable)
        process.arguments = ["--kubeconfig", kubeconfig] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["KUBECONFIG"] = kubeconfig
        environment["HOME"] = NSTemporaryDirectory()
        process.environment = environment
        return process
    }
}
