import HTTPTypes
import Hummingbird
import KubeAPI
import NIOCore

extension APIServerResponder {
    /// A watch: a chunked stream of one JSON event per line, ended by `timeoutSeconds`, by a
    /// `dropWatch` fault, or by the server.
    func watch(
        resource: ServedResource,
        namespace: String?,
        labelSelector: Selector,
        fieldSelector: FieldSelector,
        query: QueryParameters,
        fault: FaultRule.Action?
    ) async throws -> Response {
        let since = query["resourceVersion"].flatMap { UInt64($0) }
        let opened: Result<WatchSubscription, APIError> = await store.openWatch(
            resource,
            namespace: namespace,
            labelSelector: labelSelector,
            fieldSelector: fieldSelector,
            resourceVersion: since
        )
        let subscription: WatchSubscription
        switch opened {
        case .success(let opened): subscription = opened
        case .failure(let error) where error.code == 410:
            // The real server answers 200 and reports expiry as an ERROR event in the stream.
            return APIResponses.json(WatchFrame.error(error.status))
        case .failure(let error): throw error
        }
        let timeout = try query.integer("timeoutSeconds").map { Duration.seconds($0) }
        let bookmarks = query.flag("allowWatchBookmarks")
        let dropAfter: Int? = if case .dropWatch(let frames) = fault { frames } else { nil }
        let store = self.store
        let clock = self.clock
        let interval = self.bookmarkInterval
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.transferEncoding] = "chunked"
        let body = ResponseBody { writer in
            var sent = 0
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    if let timeout {
                        group.addTask {
                            try await clock.sleep(for: timeout)
                            await store.stopWatch(subscription.id)
                        }
                    }
                    if bookmarks {
                        group.addTask {
                            while true {
                                try await clock.sleep(for: interval)
                                await store.bookmark(subscription.id)
                            }
                        }
                    }
                    for await frame in subscription.frames {
                        try await writer.write(ByteBuffer(bytes: frame))
                        sent += 1
                        if let dropAfter, sent >= dropAfter { break }
                    }
                    group.cancelAll()
                }
            } catch {
                await store.stopWatch(subscription.id)
                throw error
            }
            await store.stopWatch(subscription.id)
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}
