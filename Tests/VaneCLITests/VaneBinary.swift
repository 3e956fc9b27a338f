import Foundation
import KubeTestKit

/// The built `vane` executable, which `swift build --build-tests` places beside the test bundle.
enum VaneBinary {
    static var path: String? {
        let bundle = URL(filePath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [bundle, bundle.deletingLastPathComponent()].map { $0.appending(path: "vane").path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts `vane` with `arguments`; its stdout arrives line by line.
    static func start(_ arguments: [String]) throws -> (process: Process, lines: AsyncStream<String>) {
        let (process, _) = try makeProcess(arguments, executable: nil, environment: nil)
        let output = Pipe()
        process.standardOutput = output
        let lines = OutputLines.stream(from: output.fileHandleForReading)
        try process.run()
        return (process, lines)
    }

    /// A started process with its stdout and stderr as lines.
    struct Running {
        let process: Process
        let stdout: AsyncStream<String>
        let stderr: AsyncStream<String>
        let termination: AsyncStream<Int32>

        /// The exit status, once the process has ended. The termination handler is installed before
        /// the process starts, so an early exit cannot be missed.
        func exitStatus() async -> Int32 {
            await VaneBinary.waitForExit(process, termination)
        }
    }

    /// One finished run: exit status, stdout lines and stderr lines.
    struct Finished: Sendable {
        var status: Int32
        var lines: [String]
        var errors: [String]

        var output: String { lines.map { $0 + "\n" }.joined() }
    }

    /// Starts `executable` (default: vane) with `arguments`; its stdout and stderr arrive line by line.
    static func launch(
        _ arguments: [String],
        executable: String? = nil,
        environment: [String: String]? = nil
    ) throws -> Running {
        let output = Pipe()
        let errors = Pipe()
        let (process, termination) = try makeProcess(arguments, executable: executable, environment: environment)
        process.standardOutput = output
        process.standardError = errors
        let running = Running(
            process: process,
            stdout: OutputLines.stream(from: output.fileHandleForReading),
            stderr: OutputLines.stream(from: errors.fileHandleForReading),
            termination: termination
        )
        try process.run()
        return running
    }

    /// Runs to completion. Output goes to files rather than pipes, so nothing waits for an
    /// end-of-file that another child process holding a copy of a pipe could delay.
    static func run(
        _ arguments: [String],
        executable: String? = nil,
        environment: [String: String]? = nil
    ) async throws -> Finished {
        let directory = FileManager.default.temporaryDirectory.appending(path: "vane-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outputFile = directory.appending(path: "stdout")
        let errorFile = directory.appending(path: "stderr")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        let (process, termination) = try makeProcess(arguments, executable: executable, environment: environment)
        let output = try FileHandle(forWritingTo: outputFile)
        let errors = try FileHandle(forWritingTo: errorFile)
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let status = await waitForExit(process, termination)
        try output.close()
        try errors.close()
        func lines(_ file: URL) throws -> [String] {
            let text = try String(contentsOf: file, encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.dropLast(text.hasSuffix("\n") || text.isEmpty ? 1 : 0).map(String.init)
        }
        return Finished(status: status, lines: try lines(outputFile), errors: try lines(errorFile))
    }

    /// The exit status; a test that is cancelled (its time limit passed) terminates the process
    /// rather than leave it running.
    static func waitForExit(_ process: Process, _ termination: AsyncStream<Int32>) async -> Int32 {
        await withTaskCancellationHandler {
            var statuses = termination.makeAsyncIterator()
            return await statuses.next() ?? -1
        } onCancel: {
            if process.isRunning { process.terminate() }
        }
    }

    private static func makeProcess(
        _ arguments: [String],
        executable: String?,
        environment: [String: String]?
    ) throws -> (Process, AsyncStream<Int32>) {
        guard let path = executable ?? path else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = URL(filePath: path)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let (termination, ended) = AsyncStream<Int32>.makeStream(bufferingPolicy: .bufferingNewest(1))
        process.terminationHandler = { process in
            ended.yield(process.terminationStatus)
            ended.finish()
        }
        return (process, termination)
    }
}
