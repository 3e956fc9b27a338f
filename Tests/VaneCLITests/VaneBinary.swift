import Foundation
import KubeTestKit

/// The built `vane` executable, which `swift build --build-tests` places beside the test bundle.
enum VaneBinary {
    typealias Finished = ChildProcess.Finished

    static var path: String? {
        let bundle = URL(filePath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [bundle, bundle.deletingLastPathComponent()].map { $0.appending(path: "vane").path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `executable` (default: vane) with `arguments` to its end.
    static func run(
        _ arguments: [String],
        executable: String? = nil,
        environment: [String: String]? = nil
    ) async throws -> Finished {
        try await process(arguments, executable: executable, environment: environment).run()
    }

    /// Runs vane with `arguments` while `body` works with it (a long-running command such as
    /// `controller` or `get -w`, stopped by `body`), and returns its exit status once it has exited.
    static func withRunning(
        _ arguments: [String],
        _ body: (ChildProcess.Running) async throws -> Void
    ) async throws -> Int32 {
        try await process(arguments, executable: nil, environment: nil).withRunning(body).status
    }

    private static func process(
        _ arguments: [String],
        executable: String?,
        environment: [String: String]?
    ) throws -> ChildProcess {
        guard let path = executable ?? path else { throw CocoaError(.fileNoSuchFile) }
        return ChildProcess(executable: path, arguments: arguments, environment: environment)
    }
}
