import KubeClient
import KubeRuntime
import Testing

@Suite("Classification of client failures")
struct ErrorClassificationTests {
    static let target = "https://10.0.0.1:6443/apis/argoproj.io/v1alpha1/namespaces/default/rollouts/demo"

    @Test(
        "reason label, routine or not, and the dependency named for each kind",
        arguments: [
            (KubeError.Kind.conflict, "conflict", true, nil),
            (.cancelled, "cancelled", true, nil),
            (.timeout, "timeout", false, "the API server https://10.0.0.1:6443"),
            (.unreachable, "unreachable", false, "the API server https://10.0.0.1:6443"),
            (.notFound, "not_found", false, nil),
            (.server(code: 500), "server", false, nil),
        ] as [(KubeError.Kind, String, Bool, String?)]
    )
    func classifies(kind: KubeError.Kind, reason: String, routine: Bool, endpoint: String?) {
        let error = KubeError(kind: kind, verb: "PUT", target: Self.target, message: "x")
        #expect(error.reason == reason)
        #expect(error.isRoutine == routine)
        #expect(error.failingEndpoint == endpoint)
        #expect(error.isDependencyFailure == (endpoint != nil))
        #expect(error.retryCap == (endpoint == nil ? nil : .seconds(30)))
    }
}
