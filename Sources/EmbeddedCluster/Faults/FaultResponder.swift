import HTTPTypes
import Hummingbird
import KubeAPI
import NIOCore

/// How a request meets the faults in force and its `?timeout=`.
extension APIServerResponder {
    /// Carries out one request under the faults in force and its deadline: a fault may answer in its
    /// place, hold it before it is carried out (`latency`, `applyLate`, `stall`), or hold its answer
    /// after it was carried out (`answerLate`). Past the deadline the answer is `504 Timeout`, and a
    /// write not yet applied is not applied at all.
    func underFaults(
        _ call: APICall,
        verb: String,
        resource: String,
        name: String?,
        carryOut: () async throws -> Response
    ) async throws -> Response {
        let action = await faults.action(verb: verb, resource: resource, name: name, user: call.identity)
        if let response = try await answer(to: action, deadline: call.deadline) { return response }
        try call.deadline.check()
        let response = try await carryOut()
        if case .answerLate(let delay) = action,
            try await call.deadline.sleep(untilSinceArrival: call.deadline.sinceArrival + delay)
        {
            throw APIError.timeout
        }
        return response
    }

    /// What a fault does before the request is carried out: answers in its place (returned), holds
    /// it, or nothing. Throws `504 Timeout` when the deadline passes while the request is held.
    func answer(to action: FaultRule.Action?, deadline: RequestDeadline?) async throws -> Response? {
        switch action {
        case .latency(let delay), .applyLate(let delay):
            faults.held.begin()
            defer { faults.held.end() }
            guard let deadline else {
                try await clock.sleep(for: delay)
                return nil
            }
            // Held `delay` from the request's arrival, however late its task reaches this point.
            if try await deadline.sleep(untilSinceArrival: delay) { throw APIError.timeout }
            return nil
        case .error(let code, let message):
            return APIResponses.error(APIError(code: code, reason: Self.reason(for: code), message: message))
        case .stall:
            faults.held.begin()
            defer { faults.held.end() }
            try await holdStalled(until: deadline)
            return APIResponses.error(.internal("stalled request released"))
        case .respond(let code, let contentType, let body, let extraHeaders):
            var headers = HTTPFields()
            headers[.contentType] = contentType
            for (name, value) in extraHeaders {
                if let field = HTTPField.Name(name) { headers[field] = value }
            }
            let bytes = ResponseBody(byteBuffer: ByteBuffer(string: body))
            return Response(status: HTTPResponse.Status(code: code), headers: headers, body: bytes)
        case .answerLate, .dropWatch, nil:
            return nil
        }
    }

    /// Holds a stalled request until the server releases it, or until its deadline (then `504`).
    private func holdStalled(until deadline: RequestDeadline?) async throws {
        guard let deadline, let timeout = deadline.timeout else {
            await faults.holdStalledRequest()
            return
        }
        let faults = self.faults
        let timedOut = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await faults.holdStalledRequest()
                return false
            }
            group.addTask { (try? await deadline.sleep(untilSinceArrival: timeout)) != nil }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        if timedOut { throw APIError.timeout }
    }

    static func reason(for code: Int) -> String {
        switch code {
        case 409: StatusReason.conflict
        case 410: StatusReason.gone
        case 429: StatusReason.tooManyRequests
        case 503: StatusReason.serviceUnavailable
        case 504: StatusReason.timeout
        default: StatusReason.internalError
        }
    }
}
