public import EmbeddedCluster
public import Foundation

/// Runs `body` with a fresh directory under the system's temporary directory, removed afterwards
/// however `body` ends.
public func withTemporaryDirectory<T>(_ prefix: String, _ body: (URL) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory.appending(path: "\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try await body(directory)
}

extension EmbeddedCluster {
    /// Runs `body` with the path of a kubeconfig file for this cluster, authenticating as `user`,
    /// for the binaries a test starts (`vane`, `kubectl`); the file is removed afterwards.
    public func withKubeconfigFile<T>(user: String = "admin", _ body: (String) async throws -> T) async throws -> T {
        try await withTemporaryDirectory("vane-kubeconfig") { directory in
            let path = directory.appending(path: "kubeconfig").path
            try await writeKubeconfig(to: path, user: user)
            return try await body(path)
        }
    }
}
