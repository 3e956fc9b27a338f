import KubeAPI
import KubeClient
import KubeRuntime

extension DependencyFailure {
    /// The failure of a write that a dependency refused (`error.isDependencyFailure`), named as
    /// people know the dependency, with the error and what it holds.
    init(_ error: KubeError) {
        let dependency = error.failingEndpoint ?? "a dependency"
        self.init(
            dependency: dependency,
            message: "\(dependency) failed during \(error.verb): \(error.status?.message ?? error.message); "
                + "replica counts are held where they are until it recovers"
        )
    }
}
