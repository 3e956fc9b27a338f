import KubeClient

/// Runs `body` with a client, turning client errors into the one readable line every command prints.
func withCommandClient<T: Sendable>(
    _ configuration: ClientConfiguration,
    _ body: (KubeClient) async throws -> T
) async throws -> T {
    do {
        return try await withKubeClient(configuration, body)
    } catch let error as KubeError {
        throw CLIFailure(error.description)
    }
}
