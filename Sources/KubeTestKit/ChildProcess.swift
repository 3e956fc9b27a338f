import Subprocess

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// A program a test runs — kubectl, the vane binary — through swift-subprocess: collected to the end,
/// or followed line by line while the test works with it.
///
/// The process never outlives the test: when the test is cancelled (its time limit passed) or its body
/// throws while the process runs, the process gets SIGTERM and, a few seconds later, SIGKILL.
public struct ChildProcess: Sendable {
    public var executable: String
    public var arguments: [String]
    /// The whole environment of the process; nil inherits the test's.
    public var environment: [String: String]?

    public init(executable: String, arguments: [String], environment: [String: String]? = nil) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
    }

    /// One finished run: exit status (128 + the signal for a process killed by a signal) and output.
    public struct Finished: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String

        /// Standard output as lines, without their newlines.
        public var lines: [String] { Self.lines(stdout) }
        /// Standard error as lines, without their newlines.
        public var errors: [String] { Self.lines(stderr) }
        /// Standard output, as printed.
        public var output: String { stdout }

        private static func lines(_ text: String) -> [String] {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.dropLast(text.hasSuffix("\n") || text.isEmpty ? 1 : 0).map(String.init)
        }
    }

    /// A process started by `withRunning`, as its body sees it.
    public struct Running: Sendable {
        /// Standard output, line by line as it is written; it ends when the process does.
        public let stdout: AsyncStream<String>
        /// Standard error, line by line.
        public let stderr: AsyncStream<String>
        private let processIdentifier: ProcessIdentifier
        private let signal: @Sendable (Signal) -> Void

        init(
            stdout: AsyncStream<String>,
            stderr: AsyncStream<String>,
            processIdentifier: ProcessIdentifier,
            signal: @escaping @Sendable (Signal) -> Void
        ) {
            self.stdout = stdout
            self.stderr = stderr
            self.processIdentifier = processIdentifier
            self.signal = signal
        }

        /// Sends SIGTERM.
        public func terminate() { signal(.terminate) }

        /// Sends SIGINT, as Ctrl-C in a terminal does.
        public func interrupt() { signal(.interrupt) }

        /// Whether the process has not exited yet.
        public var isRunning: Bool {
            #if os(Linux)
            if processIdentifier.processDescriptor >= 0 {
                // A process descriptor becomes readable when the process exits.
                var descriptor = pollfd(fd: processIdentifier.processDescriptor, events: Int16(POLLIN), revents: 0)
                return poll(&descriptor, 1, 0) == 0
            }
            #endif
            return kill(processIdentifier.value, 0) == 0
        }
    }

    /// Output beyond this is an error rather than held in memory.
    static let outputLimit = 64 * 1024 * 1024

    /// Runs the process to its end, with `stdin` as its standard input, and returns its status and output.
    public func run(stdin: String? = nil) async throws -> Finished {
        let result =
            if let stdin {
                try await Subprocess.run(
                    configuration,
                    input: .string(stdin),
                    output: .string(limit: Self.outputLimit),
                    error: .string(limit: Self.outputLimit)
                )
            } else {
                try await Subprocess.run(
                    configuration,
                    input: .none,
                    output: .string(limit: Self.outputLimit),
                    error: .string(limit: Self.outputLimit)
                )
            }
        return Finished(
            status: Self.status(result.terminationStatus),
            stdout: result.standardOutput,
            stderr: result.standardError
        )
    }

    /// Starts the process and runs `body` while it runs; once `body` returns, waits for the process to
    /// exit (`body` stops a long-running one with `terminate()`) and returns the exit status and what
    /// `body` returned. Output is read as it comes, so a chatty process never blocks on a full pipe.
    public func withRunning<T: Sendable>(
        _ body: (Running) async throws -> T
    ) async throws -> (status: Int32, value: T) {
        let result = try await Subprocess.run(configuration, input: .none, output: .sequence, error: .sequence) {
            execution in
            let (stdout, stdoutLines) = AsyncStream<String>.makeStream()
            let (stderr, stderrLines) = AsyncStream<String>.makeStream()
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await Self.forward(execution.standardOutput, to: stdoutLines) }
                group.addTask { try await Self.forward(execution.standardError, to: stderrLines) }
                let running = Running(
                    stdout: stdout,
                    stderr: stderr,
                    processIdentifier: execution.processIdentifier
                ) { signal in
                    try? execution.send(signal: signal)
                }
                let value = try await body(running)
                try await group.waitForAll()
                return value
            }
        }
        return (Self.status(result.terminationStatus), result.closureResult)
    }

    private var configuration: Configuration {
        var options = PlatformOptions()
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: .seconds(3))]
        return Configuration(
            executable: .path(FilePath(executable)),
            arguments: Arguments(arguments),
            environment: environment.map { variables in
                .custom(
                    Dictionary(
                        uniqueKeysWithValues: variables.compactMap { name, value in
                            Environment.Key(rawValue: name).map { ($0, value) }
                        }
                    )
                )
            } ?? .inherit,
            platformOptions: options
        )
    }

    private static func forward(
        _ output: SubprocessOutputSequence,
        to lines: AsyncStream<String>.Continuation
    ) async throws {
        defer { lines.finish() }
        for try await line in output.strings(bufferingPolicy: .unbounded) { lines.yield(line) }
    }

    private static func status(_ status: TerminationStatus) -> Int32 {
        switch status {
        case .exited(let code): code
        case .signaled(let signal): 128 + signal
        }
    }
}
