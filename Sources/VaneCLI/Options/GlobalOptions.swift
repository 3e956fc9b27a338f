import ArgumentParser
import KubeAPI
import KubeClient

/// kubectl's global flags, shared by every operator command.
struct GlobalOptions: ParsableArguments {
    @Option(help: "Path to a kubeconfig (default: $KUBECONFIG, then ~/.kube/config).")
    var kubeconfig: String?

    @Option(help: "The kubeconfig context to use.")
    var context: String?

    @Option(name: [.short, .long], help: "Namespace (default: the context's).")
    var namespace: String?

    @Option(name: .customLong("request-timeout"), help: "Timeout of each API request (e.g. 30s).")
    var requestTimeout: KubeDuration?

    /// The client configuration, or a one-line failure naming the file or field.
    func clientConfiguration() throws -> ClientConfiguration {
        do {
            var configuration = try ClientSettings.resolve(
                kubeconfig: kubeconfig,
                context: context,
                namespace: namespace
            )
            if let requestTimeout { configuration.requestTimeout = requestTimeout.duration }
            return configuration
        } catch {
            throw CLIFailure(error.description)
        }
    }
}
