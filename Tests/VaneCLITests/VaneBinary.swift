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
        guard let path else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = URL(filePath: path)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        let lines = OutputLines.stream(from: output.fileHandleForReading)
        try process.run()
        return (process, lines)
    }
}
