import AsyncHTTPClient
import Foundation
import KubeAPI
import NIOCore
import NIOPosix
import NIOSSL

/// Turns transport errors (connection refused, timeouts, TLS handshakes) into `KubeError`s that say
/// what happened in words: "cannot connect to 10.0.0.1:6443: connection refused", "server certificate
/// \"CN=kube-apiserver\" expired on 2026-01-01T00:00:00Z".
enum TransportFailure {
    static func classify(
        _ error: any Error,
        verb: String,
        url: String,
        configuration: ClientConfiguration
    ) async -> KubeError {
        let host = configuration.host
        if error is CancellationError {
            return KubeError(kind: .cancelled, verb: verb, target: url, message: "request cancelled")
        }
        if let client = error as? HTTPClientError {
            switch client {
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return KubeError(
                    kind: .timeout,
                    verb: verb,
                    target: url,
                    message: "no answer from \(host) within the request timeout"
                )
            case .connectTimeout:
                let message = "cannot connect to \(host): connection timed out"
                return notSent(KubeError(kind: .unreachable, verb: verb, target: url, message: message))
            case .remoteConnectionClosed:
                return KubeError(kind: .unreachable, verb: verb, target: url, message: "\(host) closed the connection")
            case .cancelled:
                return KubeError(kind: .cancelled, verb: verb, target: url, message: "request cancelled")
            default: break
            }
        }
        if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError
            || "\(error)".contains("handshakeFailed")
        {
            let reason =
                await TLSDiagnosis.diagnose(error: error, configuration: configuration)
                ?? "TLS handshake failed: \(error)"
            return KubeError(
                kind: .tls(reason: reason),
                verb: verb,
                target: url,
                message: "TLS handshake with \(host) failed: \(reason)"
            )
        }
        let text = "\(error)"
        if text.contains("connection refused") || text.contains("Connection refused") || text.contains("ECONNREFUSED") {
            return notSent(
                KubeError(
                    kind: .unreachable,
                    verb: verb,
                    target: url,
                    message: "cannot connect to \(host): connection refused"
                )
            )
        }
        if error is NIOConnectionError || Self.isConnectTimeout(error) {
            return notSent(
                KubeError(kind: .unreachable, verb: verb, target: url, message: "cannot connect to \(host): \(text)")
            )
        }
        if error is IOError || error is ChannelError {
            return KubeError(kind: .unreachable, verb: verb, target: url, message: "cannot connect to \(host): \(text)")
        }
        return KubeError(kind: .unreachable, verb: verb, target: url, message: "request to \(host) failed: \(text)")
    }

    private static func isConnectTimeout(_ error: any Error) -> Bool {
        if case .connectTimeout? = error as? ChannelError { return true }
        return false
    }

    /// A failure to open the connection: the request never left, so sending it again is safe whatever its verb.
    private static func notSent(_ error: KubeError) -> KubeError {
        var error = error
        error.requestNotSent = true
        return error
    }
}
