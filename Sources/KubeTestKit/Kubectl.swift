import Foundation

/// Drives the real `kubectl` binary (an independent Kubernetes client) against a kubeconfig, so tests
/// prove the embedded API server is faithful to what real clients expect.
public struct Kubectl: Sendable {
    public typealias Result = ChildProcess.Finished

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
        try await process(arguments).run(stdin: stdin)
    }

    /// Runs a long-running kubectl (such as `get -w`) while `body` works with it, and returns its exit
    /// status once it has exited (see `ChildProcess.withRunning`).
    @discardableResult
    public func withRunning(
        _ arguments: [String],
        _ body: (ChildProcess.Running) async throws -> Void
    ) async throws -> Int32 {
        try await process(arguments).withRunning(body).status
    }

    private func process(_ arguments: [String]) -> ChildProcess {
        var environment = ProcessInfo.processInfo.environment
        environment["KUBECONFIG"] = kubeconfig
        environment["HOME"] = NSTemporaryDirectory()
        return ChildProcess(
            executable: executable,
            arguments: ["--kubeconfig", kubeconfig] + arguments,
            environment: environment
        )
    }
}
